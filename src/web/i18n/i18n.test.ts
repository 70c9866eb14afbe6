import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';
import { MODULE_BUNDLES } from '../app/modules';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('web translations', () => {
  const withModules = (core: Tree, pick: 'zhCN' | 'en'): Tree => ({
    ...core,
    ...Object.fromEntries(MODULE_BUNDLES.map((b) => [b.namespace, b[pick]])),
  });
  const zh = leaves(withModules(zhCN, 'zhCN'));
  const english = leaves(withModules(en, 'en'));

  it('module bundles do not take a namespace that is already used', () => {
    const namespaces = MODULE_BUNDLES.map((b) => b.namespace);
    expect(new Set(namespaces).size).toBe(namespaces.length);
    expect(namespaces.filter((n) => n in zhCN)).toEqual([]);
  });

  it('English says 1 working hour and 2 working hours; Chinese has one form', async () => {
    const english = i18next.createInstance();
    await english.init({ lng: 'en', resources: { en: { translation: withModules(en, 'en') } } });
    expect(english.t('sla.unit.working_hours', { count: 1 })).toBe('1 working hour');
    expect(english.t('sla.unit.working_hours', { count: 2 })).toBe('2 working hours');
    expect(english.t('sla.unit.working_days', { count: 1 })).toBe('1 working day');
    const chinese = i18next.createInstance();
    await chinese.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: withModules(zhCN, 'zhCN') } } });
    expect(chinese.t('sla.unit.working_hours', { count: 1 })).toBe('1 个工作小时');
    expect(chinese.t('sla.unit.working_hours', { count: 3 })).toBe('3 个工作小时');
  });

  it('zh-CN and en have identical key sets', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('has no empty strings in either language', () => {
    const empty = [...zh, ...english].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same interpolation placeholders in both languages', () => {
    for (const [key, zhText] of zh) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(zhText));
    }
  });

  it('zh-CN text is Chinese, not left-over English', () => {
    // Placeholders and punctuation alone (e.g. "{{name}}（{{username}}）") are fine.
    const notChinese = [...zh]
      .filter(([, v]) => {
        const text = v.replace(/\{\{\w+\}\}/g, '');
        return /[A-Za-z]/.test(text) && !/[\u4e00-\u9fff]/.test(text);
      })
      .map(([k]) => k);
    expect(notChinese).toEqual([]);
  });
});
