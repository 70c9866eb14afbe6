// Each web module keeps its strings next to its pages (modules/<cap>/<cap>.i18n.ts) and lists them in
// its descriptor (<cap>.module.ts); the app registers them at start-up (main.tsx). Each bundle owns
// one top-level namespace (t('workOrders.board.title')); i18n.test.ts checks them like the shell files.

export interface TranslationTree {
  [key: string]: string | TranslationTree;
}

export interface ModuleBundle {
  /** The top-level key the module's strings sit under; unique across the app. */
  namespace: string;
  zhCN: TranslationTree;
  en: TranslationTree;
}

/** One string written once as [中文, English], so the two languages cannot drift apart in keys. */
export type Pair = readonly [zh: string, en: string];
export interface PairTree {
  [key: string]: Pair | PairTree;
}

/** An enum's shared labels (src/shared) as a tree of pairs, so its names are written in one place. */
export function pairsOf(labels: Record<string, { zh: string; en: string }>): PairTree {
  return Object.fromEntries(Object.entries(labels).map(([key, l]) => [key, [l.zh, l.en] as const]));
}

/** One language out of a tree of pairs: 0 = Simplified Chinese, 1 = English. */
export function pick(tree: PairTree, index: 0 | 1): TranslationTree {
  const out: TranslationTree = {};
  for (const [key, value] of Object.entries(tree))
    out[key] = Array.isArray(value) ? (value as Pair)[index] : pick(value as PairTree, index);
  return out;
}
