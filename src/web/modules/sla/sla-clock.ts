import { useSyncExternalStore } from 'react';
import { isAtRiskAt, isBreachedAt, isOverdue, isRunningTarget } from '../../../domain/sla/sla.target-states';
import type { SlaState, SlaTarget } from '../../../shared/sla';

/** SLA-8 colours: green on track, orange at risk, red breached; grey when nothing runs. */
export type SlaTone = 'green' | 'orange' | 'red' | 'grey';

export const TONE_COLOR: Record<SlaTone, string> = {
  green: '#389e0d',
  orange: '#d46b08',
  red: '#cf1322',
  grey: '#8c8c8c',
};

/** An ISO instant from the API as epoch ms, for the domain's SLA-8 rules. */
export const instant = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** The colour of a ticket's overall SLA state; past its next due time it is red at once. */
export function ticketTone(state: SlaState, nextDueAt: string | null, now: number): SlaTone {
  if (state === 'breached' || isOverdue({ state, dueAt: instant(nextDueAt) }, now)) return 'red';
  if (state === 'at_risk') return 'orange';
  if (state === 'on_track') return 'green';
  return 'grey';
}

/** The colour of one target; `overdue` from the server or the clock turns it red before the scheduler does. */
export function targetTone(target: SlaTarget, now: number): SlaTone {
  const clock = { state: target.state, dueAt: instant(target.dueAt), atRiskAt: instant(target.atRiskAt) };
  if (target.state === 'met_late' || isBreachedAt(clock, now)) return 'red';
  if (isRunningTarget(target.state) && target.overdue) return 'red';
  if (isAtRiskAt(clock, now)) return 'orange';
  if (target.state === 'on_track' || target.state === 'met') return 'green';
  return 'grey';
}

export interface CountdownParts {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** Splits the time to (or past) a due time into days, hours and whole minutes. */
export function countdownParts(dueAt: string, now: number): CountdownParts {
  const ms = Date.parse(dueAt) - now;
  const overdue = ms < 0;
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  return {
    overdue,
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

// One shared ticker for every countdown on the page, instead of a timer per row.
const TICK_MS = 15_000;
const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let current = Date.now();

function subscribe(callback: () => void): () => void {
  subscribers.add(callback);
  if (!timer) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const s of subscribers) s();
    }, TICK_MS);
  }
  return () => {
    subscribers.delete(callback);
    if (subscribers.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, re-rendering every 15 s: enough for countdowns shown in minutes. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => current);
}
