import { workOrdersI18n } from '../modules/workorders/workorders.i18n';
import { surveysI18n } from '../modules/surveys/surveys.i18n';
import { careI18n } from '../modules/care/care.i18n';
import { messagesI18n } from '../modules/messages/messages.i18n';
import { lettersI18n } from '../modules/contacts/letters.i18n';
import { countsInI18n } from '../modules/sla/counts-in.i18n';
import { complaintsI18n } from '../modules/complaints/complaints.i18n';

// Translations of the later capability modules live next to their pages (modules/<cap>/<cap>.i18n.ts)
// so several modules can grow at once without all editing one file. Each bundle owns one top-level
// namespace (t('workOrders.board.title')); i18n.test.ts checks them like the core files.

export interface TranslationTree {
  [key: string]: string | TranslationTree;
}

export interface ModuleBundle {
  /** The top-level key the module's strings sit under; unique across the app. */
  namespace: string;
  zhCN: TranslationTree;
  en: TranslationTree;
}

/** One line per module: import its bundle and list it here. */
export const MODULE_BUNDLES: readonly ModuleBundle[] = [
  workOrdersI18n,
  surveysI18n,
  careI18n,
  messagesI18n,
  lettersI18n,
  countsInI18n,
  complaintsI18n,
];

/** One string written once as [中文, English], so the two languages cannot drift apart in keys. */
export type Pair = readonly [zh: string, en: string];
export interface PairTree {
  [key: string]: Pair | PairTree;
}

/** One language out of a tree of pairs: 0 = Simplified Chinese, 1 = English. */
export function pick(tree: PairTree, index: 0 | 1): TranslationTree {
  const out: TranslationTree = {};
  for (const [key, value] of Object.entries(tree))
    out[key] = Array.isArray(value) ? (value as Pair)[index] : pick(value as PairTree, index);
  return out;
}
