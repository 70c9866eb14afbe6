/**
 * The knowledge base's rules (KB-1, CL-2, KB-3), pure: which answer version may be offered at an
 * instant, when its owner hears that it is about to lapse, and how suggestions are ranked.
 */

/**
 * Where an approved answer comes from (CL-2): the first three may answer a consultation directly;
 * 'objection' is a standard answer to a common objection (常见异议, CARE-6), shown beside the call
 * script of a care task and never used to close a consultation.
 */
export const KB_SOURCE_KINDS = ['sales_qa', 'media_facts', 'promotion', 'objection'] as const;
export type KbSourceKind = (typeof KB_SOURCE_KINDS)[number];

/** CL-2: the kinds of approved material a direct consultation may be answered from. */
export function answersConsultations(kind: KbSourceKind): boolean {
  return kind !== 'objection';
}

/**
 * A version's life: every edit is submitted for approval at once (pending), then approved (the
 * published one, until a newer version is approved: superseded) or sent back.
 */
export const KB_VERSION_STATES = ['pending', 'approved', 'sent_back', 'superseded'] as const;
export type KbVersionState = (typeof KB_VERSION_STATES)[number];

export interface OfferableVersion {
  state: KbVersionState;
  validFrom: Date;
  /** Null: valid until replaced. */
  validUntil: Date | null;
}

/** KB-1: an answer is offered only while its version is the approved one and `now` is in its validity. */
export function isOffered(v: OfferableVersion, now: Date): boolean {
  if (v.state !== 'approved') return false;
  if (v.validFrom.getTime() > now.getTime()) return false;
  return v.validUntil === null || now.getTime() < v.validUntil.getTime();
}

const DAY_MS = 86_400_000;

/** KB-1: how many days before an answer lapses its owner is reminded to renew it. */
export const KB_EXPIRY_REMINDER_DAYS = 14;

/** KB-1: the owner is reminded `daysBefore` days before the answer lapses, once per version. */
export function expiryReminderDue(validUntil: Date | null, now: Date, daysBefore: number): boolean {
  if (validUntil === null) return false;
  const left = validUntil.getTime() - now.getTime();
  return left > 0 && left <= daysBefore * DAY_MS;
}

/** A document to rank: its tokens (with repeats) and the instant that makes it recent. */
export interface RankedDocument<T> {
  item: T;
  tokens: readonly string[];
  at: Date;
}

export interface RankOptions {
  /** BM25 term saturation and length normalisation (the usual 1.2 and 0.75). */
  k1?: number;
  b?: number;
  /** Days after which the recency factor has halved; 0 switches recency off. */
  halfLifeDays?: number;
  /** How much recency can add at most (0.3 = a fresh document scores up to 30 % more). */
  recencyWeight?: number;
  /**
   * The whole set's size, average length and document frequencies when the documents are only the
   * candidates of a larger set (a frequency or the average left out is counted over the documents).
   */
  corpus?: { size: number; df?: ReadonlyMap<string, number>; avgLength?: number };
}

/**
 * BM25 relevance of each document to the query tokens, times a recency factor (1 + w·2^(−age/half-life)).
 * Documents sharing no token score 0 and are dropped; the rest come best first, newer first on ties.
 */
export function rankBm25<T>(
  query: readonly string[],
  docs: readonly RankedDocument<T>[],
  now: Date,
  opts: RankOptions = {},
): { item: T; score: number }[] {
  const k1 = opts.k1 ?? 1.2;
  const b = opts.b ?? 0.75;
  const halfLife = opts.halfLifeDays ?? 365;
  const weight = opts.recencyWeight ?? 0.3;
  const terms = [...new Set(query)];
  if (terms.length === 0 || docs.length === 0) return [];
  const n = opts.corpus?.size ?? docs.length;
  let df = opts.corpus?.df;
  if (!df) {
    const counted = new Map<string, number>();
    for (const d of docs) for (const t of new Set(d.tokens)) counted.set(t, (counted.get(t) ?? 0) + 1);
    df = counted;
  }
  const avgLen = opts.corpus?.avgLength || docs.reduce((s, d) => s + d.tokens.length, 0) / docs.length || 1;
  const scored: { item: T; score: number; at: number }[] = [];
  for (const d of docs) {
    const tf = new Map<string, number>();
    for (const t of d.tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    for (const term of terms) {
      const f = tf.get(term);
      if (!f) continue;
      const dfi = df.get(term) ?? 0;
      const idf = Math.log(1 + (n - dfi + 0.5) / (dfi + 0.5));
      score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.tokens.length) / avgLen));
    }
    if (score <= 0) continue;
    if (halfLife > 0 && weight > 0) {
      const ageDays = Math.max(0, now.getTime() - d.at.getTime()) / DAY_MS;
      score *= 1 + weight * Math.pow(2, -ageDays / halfLife);
    }
    scored.push({ item: d.item, score, at: d.at.getTime() });
  }
  scored.sort((x, y) => y.score - x.score || y.at - x.at);
  return scored.map(({ item, score }) => ({ item, score }));
}

/**
 * The query's words widened by the company's synonyms (空调 ⇄ 冷气): each group is a set of words
 * meaning the same, and a word of a group brings in the others.
 */
export function expandSynonyms(tokens: readonly string[], groups: readonly (readonly string[])[]): string[] {
  const out = new Set(tokens);
  for (const g of groups) if (g.some((w) => out.has(w))) for (const w of g) out.add(w);
  return [...out];
}

/** Words too common to tell answers apart (jieba keeps them as tokens). */
export const KB_STOP_WORDS: ReadonlySet<string> = new Set(
  '的 了 是 我 你 他 她 它 们 我们 你们 在 有 和 与 就 都 也 还 又 吗 呢 吧 啊 呀 么 什么 怎么 怎么办 为什么 这个 那个 这 那 一个 一下 请问 您好 你好 想 要 能 可以 会 没有 没 不 个 给 把 被 让 对 到 从 说 问 下 上 请 帮 帮忙 麻烦 谢谢 客户 来电 咨询 反映 询问'.split(
    ' ',
  ),
);

/** The words of a query or a document that count for ranking (stop words dropped). */
export function meaningfulTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !KB_STOP_WORDS.has(t));
}
