/**
 * SLA-9: the hotline report from telephony call events — answer time (ringing → answered; the
 * target is three rings, about 15 s at China's 1 s on / 4 s off cadence), abandoned calls, calls per
 * hour and per agent.
 */
import { rate } from './reports.timeliness';

/** Three rings at 1 s on / 4 s off: answered before the third ring ends. */
export const ANSWER_TARGET_SECONDS = 15;

export interface HotlineCall {
  readonly ringingAt: number;
  /** Null when nobody answered: the caller hung up first (abandoned) or it went unanswered. */
  readonly answeredAt: number | null;
  readonly agentId: string | null;
}

export interface HotlineFigures {
  readonly calls: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Answered within the target (ringing → answered ≤ ANSWER_TARGET_SECONDS). */
  readonly answeredInTarget: number;
  /** Answered within the target ÷ all calls (an abandoned call was not answered in time). */
  readonly answeredInTargetRate: number | null;
  readonly averageAnswerSeconds: number | null;
  /** The answer time nine calls in ten beat. */
  readonly p90AnswerSeconds: number | null;
  /** Calls by local hour of ringing, 0–23. */
  readonly byHour: readonly number[];
  readonly byAgent: ReadonlyMap<string, { answered: number; averageAnswerSeconds: number }>;
}

/** The figures for a set of calls; `hourOf` gives an instant's local hour in the unit's time zone. */
export function hotlineFigures(
  calls: readonly HotlineCall[],
  hourOf: (instant: number) => number,
): HotlineFigures {
  const waits: number[] = [];
  const byHour = Array.from({ length: 24 }, () => 0);
  const agents = new Map<string, { answered: number; seconds: number }>();
  let inTarget = 0;
  for (const call of calls) {
    byHour[hourOf(call.ringingAt)]!++;
    if (call.answeredAt === null) continue;
    const seconds = Math.max(0, (call.answeredAt - call.ringingAt) / 1000);
    waits.push(seconds);
    if (seconds <= ANSWER_TARGET_SECONDS) inTarget++;
    if (call.agentId) {
      const agent = agents.get(call.agentId) ?? { answered: 0, seconds: 0 };
      agent.answered++;
      agent.seconds += seconds;
      agents.set(call.agentId, agent);
    }
  }
  waits.sort((a, b) => a - b);
  const oneDecimal = (n: number) => Math.round(n * 10) / 10;
  return {
    calls: calls.length,
    answered: waits.length,
    abandoned: calls.length - waits.length,
    answeredInTarget: inTarget,
    answeredInTargetRate: rate(inTarget, calls.length),
    averageAnswerSeconds: waits.length ? oneDecimal(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    p90AnswerSeconds: waits.length ? oneDecimal(waits[Math.ceil(waits.length * 0.9) - 1]!) : null,
    byHour,
    byAgent: new Map(
      [...agents].map(([id, a]) => [
        id,
        { answered: a.answered, averageAnswerSeconds: oneDecimal(a.seconds / a.answered) },
      ]),
    ),
  };
}
