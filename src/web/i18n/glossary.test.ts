import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RETIRED_TERMS,
  SLA_EVENT_LABELS,
  SLA_TARGET_LABELS,
  TICKET_TYPE_LABELS,
} from '../../shared/glossary';
import { slaI18n } from '../modules/sla/sla.i18n';
import { ticketsI18n } from '../modules/tickets/tickets.i18n';

const SRC = join(import.meta.dirname, '..', '..');
// The glossary names the retired terms to forbid them; generated SQL keeps history as it was.
const SKIP = new Set(['shared/glossary.ts', 'web/i18n/glossary.test.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|tsx|html|css)$/.test(name) ? [path] : [];
  });
}

describe('one name for each thing (issue 16)', () => {
  it('no page, export, print or message in src/ writes a retired name of a glossary term', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const rel = relative(SRC, file).split('\\').join('/');
      if (SKIP.has(rel)) continue;
      const text = readFileSync(file, 'utf8');
      for (const { term, retired } of RETIRED_TERMS)
        for (const variant of retired)
          if (text.includes(variant))
            found.push(`src/${rel}: “${variant}” → write “${term.zh}” / “${term.en}”`);
    }
    expect(found).toEqual([]);
  });

  it('the scan sees the web modules, the server and the shared contracts', () => {
    const files = sourceFiles(SRC).map((f) => relative(SRC, f).split('\\').join('/'));
    expect(files).toContain('web/modules/sla/sla.i18n.ts');
    expect(files).toContain('server/modules/reports/reports.queries.ts');
    expect(files).toContain('shared/tickets.ts');
  });

  it('CL-1 / SLA-3…6: the SLA pages and the tickets pages name types, targets and events from the glossary', () => {
    for (const [bundle, language] of [
      [slaI18n.zhCN, 'zh'],
      [slaI18n.en, 'en'],
    ] as const) {
      for (const [type, label] of Object.entries(TICKET_TYPE_LABELS))
        expect((bundle.type as Record<string, string>)[type]).toBe(label[language]);
      for (const [key, label] of Object.entries(SLA_TARGET_LABELS))
        expect((bundle.target as Record<string, string>)[key]).toBe(label[language]);
      for (const [event, label] of Object.entries(SLA_EVENT_LABELS))
        expect((bundle.event as Record<string, string>)[event]).toBe(label[language]);
    }
    for (const [type, label] of Object.entries(TICKET_TYPE_LABELS)) {
      expect((ticketsI18n.zhCN.type as Record<string, string>)[type]).toBe(label.zh);
      expect((ticketsI18n.en.type as Record<string, string>)[type]).toBe(label.en);
    }
  });

  it('the glossary itself uses none of the names it retired', () => {
    const current = new Set(
      [TICKET_TYPE_LABELS, SLA_TARGET_LABELS, SLA_EVENT_LABELS].flatMap((labels) =>
        Object.values(labels).flatMap((l) => [l.zh, l.en]),
      ),
    );
    for (const { retired } of RETIRED_TERMS)
      for (const variant of retired) expect(current.has(variant)).toBe(false);
  });
});
