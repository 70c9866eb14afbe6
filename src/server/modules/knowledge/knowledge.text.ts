import type { Jieba } from '@node-rs/jieba';
import { eq } from 'drizzle-orm';
import { meaningfulTokens } from '../../../domain/knowledge';
import { newSegmenter } from '../../app/chinese-text';
import type { Db } from '../../app/db';
import { kbTerms } from './knowledge.table';

/**
 * The words of answers and of what an agent types, cut by jieba with the same dictionary as ticket
 * search (app/chinese-text.ts) plus the company's own words (product models, estates, places), so a
 * name like 御景湾 stays one word. Each company's segmenter is built once per dictionary change;
 * building one costs ~200 ms and a few MB, so only a handful are kept.
 */
const cache = new Map<string, Jieba>();
const MAX_SEGMENTERS = 4;
const TOKEN = /[\p{L}\p{N}]/u;
const MAX_CHARS = 20_000;

function segmenter(words: readonly string[]): Jieba {
  const key = words.join('\n');
  let jieba = cache.get(key);
  if (jieba) return jieba;
  jieba = newSegmenter();
  // A high frequency makes jieba prefer the company's word over splitting it.
  if (words.length > 0) jieba.loadDict(Buffer.from(words.map((w) => `${w} 100000`).join('\n')));
  if (cache.size >= MAX_SEGMENTERS) cache.delete(cache.keys().next().value!);
  cache.set(key, jieba);
  return jieba;
}

/** Search-mode tokens, lower-cased, punctuation and stop words dropped, repeats kept (they weigh in BM25). */
export function kbTokens(text: string, words: readonly string[] = []): string[] {
  const cut = segmenter(words).cutForSearch(text.slice(0, MAX_CHARS).toLowerCase(), true);
  return meaningfulTokens(cut.map((t) => t.trim()).filter((t) => t.length > 0 && TOKEN.test(t)));
}

export interface CompanyTerms {
  words: string[];
  synonyms: string[][];
}

/** The company's dictionary and synonyms (empty until someone writes them). */
export async function companyTerms(db: Db, rootUnitId: string): Promise<CompanyTerms> {
  const [row] = await db.select().from(kbTerms).where(eq(kbTerms.rootUnitId, rootUnitId));
  return row
    ? {
        words: row.words.map((w) => w.toLowerCase()),
        synonyms: row.synonyms.map((g) => g.map((w) => w.toLowerCase())),
      }
    : { words: [], synonyms: [] };
}

/** The stored search words of an answer version; the question counts twice (typing resembles it most). */
export function versionSearchText(v: { question: string; answer: string }, words: readonly string[]): string {
  return kbTokens(`${v.question}\n${v.question}\n${v.answer}`, words).join(' ');
}
