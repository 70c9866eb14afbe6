import { describe, expect, it } from 'vitest';
import { WEB_MODULES } from '../app/modules';
import { en } from './en';
import type { TranslationTree } from './module-bundles';

// Counts that are never 1 by construction: "several" customers share a number only from two up.
const ALWAYS_SEVERAL = new Set(['tickets.intake.severalMatches']);

/** English strings with a count and a plural word but no singular form ("1 working hours"). */
function withoutSingular(tree: TranslationTree, path: string, out: string[]): string[] {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value !== 'string') {
      withoutSingular(value, `${path}${key}.`, out);
      continue;
    }
    const words = value.replace(/\{\{[^}]+\}\}/g, '');
    if (
      value.includes('{{count}}') &&
      !key.endsWith('_one') &&
      !(`${key}_one` in tree) &&
      /[a-z]s\b|\(s\)/.test(words) &&
      !ALWAYS_SEVERAL.has(`${path}${key}`)
    )
      out.push(`${path}${key}: ${value}`);
  }
  return out;
}

describe('English plurals (issue 16: "1 working hours")', () => {
  it('every English string counting something has its singular form, across the shell and every module', () => {
    const missing = withoutSingular(en as TranslationTree, '', []);
    for (const m of WEB_MODULES)
      for (const bundle of m.strings) withoutSingular(bundle.en, `${bundle.namespace}.`, missing);
    expect(missing).toEqual([]);
  });
});
