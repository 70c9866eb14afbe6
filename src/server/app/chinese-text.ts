import { createRequire } from 'node:module';
import type * as JiebaPackage from '@node-rs/jieba';
import type { Jieba } from '@node-rs/jieba';
import type * as JiebaDict from '@node-rs/jieba/dict.js';

/**
 * A jieba segmenter with the default dictionary. jieba and its 5 MB dictionary are loaded on the
 * first call rather than imported at start-up: the import alone cost ~0.1 s and ~27 MB of every
 * start (bench/startup.bench.ts). Also used by the knowledge module's segmenters.
 */
let jiebaPackage: { Jieba: typeof Jieba; dict: Uint8Array } | null = null;
export function newSegmenter(): Jieba {
  if (!jiebaPackage) {
    const require = createRequire(import.meta.url);
    jiebaPackage = {
      Jieba: (require('@node-rs/jieba') as typeof JiebaPackage).Jieba,
      dict: (require('@node-rs/jieba/dict.js') as typeof JiebaDict).dict,
    };
  }
  return jiebaPackage.Jieba.withDict(jiebaPackage.dict);
}

/**
 * Chinese full-text search works the same on PGlite and PostgreSQL because the words are cut
 * here, in Node, with jieba, and PostgreSQL only sees space-separated tokens indexed with the
 * 'simple' configuration (to_tsvector('simple', …) + GIN). The dictionary costs ~200 ms and some
 * memory, so it is loaded on first use, not at start-up.
 */
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= newSegmenter();
  return jieba;
}

// Letters (any script) and digits make a token; punctuation and spaces do not.
const TOKEN = /[\p{L}\p{N}]/u;
const MAX_INDEXED_CHARS = 20_000;

/** Search-mode tokens of a text, lower-cased, punctuation dropped, each token once. */
export function searchTokens(text: string): string[] {
  const cut = segmenter().cutForSearch(text.slice(0, MAX_INDEXED_CHARS).toLowerCase(), true);
  return [...new Set(cut.map((t) => t.trim()).filter((t) => t.length > 0 && TOKEN.test(t)))];
}

/** The text to store in a search column and index with to_tsvector('simple', …). */
export function searchDocument(...parts: (string | null | undefined)[]): string {
  return searchTokens(parts.filter(Boolean).join('\n')).join(' ');
}

/**
 * A tsquery (for to_tsquery('simple', …)) requiring every word of the person's query.
 * Tokens are quoted so characters like & | ! : ( ) in the query cannot change its meaning.
 */
export function searchQuery(query: string): string | null {
  const words = [
    ...new Set(
      segmenter()
        .cut(query.toLowerCase(), true)
        .map((t) => t.trim())
        .filter((t) => TOKEN.test(t)),
    ),
  ];
  if (words.length === 0) return null;
  return wordsQuery(words, '&');
}

/**
 * A to_tsquery text of the words, each quoted as one lexeme: all of them (`&`, a search) or any of
 * them (`|`, candidates to rank).
 */
export function wordsQuery(words: readonly string[], join: '&' | '|'): string {
  return words.map((w) => `'${w.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`).join(` ${join} `);
}
