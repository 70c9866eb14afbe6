/**
 * SLA-9: the hotline report from telephony call events — answer time (ringing → answered; the
 * target is three rings, about 15 s at China's 1 s on / 4 s off cadence), abandoned calls, calls per
 * hour and per agent. The report adds up totals (per unit, day, hour and agent in the rollup; per
 * call in a recount) and derives its rates and averages from the sums alone, so a rollup and a
 * recount of the same calls give the same figures to the last digit.
 */
import { rate } from './reports.timeliness';

/** Three rings at 1 s on / 4 s off: answered before the third ring ends. */
export const ANSWER_TARGET_SECONDS = 15;

/** A call that rang and ended (answered, or the caller hung up first); one still ringing is apart. */
export interface HotlineCall {
  readonly ringingAt: number;
  /** Null when nobody answered: the caller hung up first (abandoned) or it went unanswered. */
  readonly answeredAt: number | null;
  readonly agentId: string | null;
  /** Talk time of an answered call once it ended; null while it lasts. */
  readonly talkSeconds: number | null;
}

/** Additive sums: what the rollup keeps per unit, day, hour and agent. */
export interface HotlineTotals {
  /** Calls offered: rang and answered or ended. */
  readonly calls: number;
  readonly answered: number;
  /** Answered within the target (ringing → answered ≤ ANSWER_TARGET_SECONDS). */
  readonly answeredInTarget: number;
  readonly abandoned: number;
  /** Sum of ringing → answered over answered calls, in whole milliseconds (never negative per call). */
  readonly answerMs: number;
  /** Answered calls that ended (have a talk time) and their summed talk seconds. */
  readonly talked: number;
  readonly talkSeconds: number;
}

export const NO_CALLS: HotlineTotals = {
  calls: 0,
  answered: 0,
  answeredInTarget: 0,
  abandoned: 0,
  answerMs: 0,
  talked: 0,
  talkSeconds: 0,
};

/** The sums of one call, counted the way the rollup's recount counts it. */
export function totalsOfCall(call: HotlineCall): HotlineTotals {
  if (call.answeredAt === null) return { ...NO_CALLS, calls: 1, abandoned: 1 };
  const ms = Math.max(0, Math.round(call.answeredAt - call.ringingAt));
  return {
    calls: 1,
    answered: 1,
    answeredInTarget: ms <= ANSWER_TARGET_SECONDS * 1000 ? 1 : 0,
    abandoned: 0,
    answerMs: ms,
    talked: call.talkSeconds === null ? 0 : 1,
    talkSeconds: call.talkSeconds ?? 0,
  };
}

export function addTotals(a: HotlineTotals, b: HotlineTotals): HotlineTotals {
  return {
    calls: a.calls + b.calls,
    answered: a.answered + b.answered,
    answeredInTarget: a.answeredInTarget + b.answeredInTarget,
    abandoned: a.abandoned + b.abandoned,
    answerMs: a.answerMs + b.answerMs,
    talked: a.talked + b.talked,
    talkSeconds: a.talkSeconds + b.talkSeconds,
  };
}

export interface HotlineFigures extends HotlineTotals {
  /** Answered within the target ÷ all calls (an abandoned call was not answered in time). */
  readonly answeredInTargetRate: number | null;
  /** Mean ringing → answered over answered calls, to a tenth of a second. */
  readonly averageAnswerSeconds: number | null;
  /** Mean talk time over answered calls that ended, to a tenth of a second. */
  readonly averageTalkSeconds: number | null;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** The figures a page shows, from sums alone. */
export function hotlineFigures(t: HotlineTotals): HotlineFigures {
  return {
    ...t,
    answeredInTargetRate: rate(t.answeredInTarget, t.calls),
    averageAnswerSeconds: t.answered ? oneDecimal(t.answerMs / t.answered / 1000) : null,
    averageTalkSeconds: t.talked ? oneDecimal(t.talkSeconds / t.talked) : null,
  };
}

/** The figures of a list of ended calls, one by one (a recount; the report reads the rollup). */
export function hotlineFiguresOfCalls(calls: readonly HotlineCall[]): HotlineFigures {
  return hotlineFigures(calls.map(totalsOfCall).reduce(addTotals, NO_CALLS));
}
