/**
 * Calendar hot paths on the default China calendar: random intakes across 2025–2026.
 * Each case runs for ~1.5 s after a warm-up; inputs are pre-generated so only the call is timed.
 */
import {
  addWorkingMinutes,
  closeOfBusinessAfterWorkingDays,
  isWorkingTime,
  workingMinutesBetween,
} from '../src/domain/calendar/calendar';
import { defaultChinaCalendar } from '../src/domain/calendar/china-official';

const FROM = Date.parse('2025-01-01T00:00:00+08:00');
const TO = Date.parse('2027-01-01T00:00:00+08:00');
const N = 1 << 16;

// Deterministic inputs (mulberry32) so runs are comparable.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function measure(name: string, target: number | undefined, op: (i: number) => number): string {
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += op(i & (N - 1)); // warm-up: JIT and compiled years
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 1500) {
    for (let i = 0; i < 100_000; i++) sink += op(i & (N - 1));
    ops += 100_000;
    elapsed = performance.now() - start;
  }
  const rate = Math.round((ops / elapsed) * 1000);
  const goal =
    target === undefined
      ? ''
      : `  (target ≥ ${target.toLocaleString('en-US')}${rate >= target ? '' : ' — MISSED'})`;
  if (sink === 42) console.log(''); // keep results observable so the JIT cannot drop the calls
  return `${name.padEnd(32)}${rate.toLocaleString('en-US').padStart(12)} ops/s${goal}`;
}

/** Bench entry point used by bench/run.ts. */
export function run(): string[] {
  const cal = defaultChinaCalendar();
  const r = rng(20250101);
  const instants = Float64Array.from({ length: N }, () => FROM + Math.floor(r() * (TO - FROM)));
  const days = Int32Array.from({ length: N }, () => 1 + Math.floor(r() * 5));
  const minutes = Int32Array.from({ length: N }, () => 15 + Math.floor(r() * 586));
  const spans = Float64Array.from({ length: N }, () => Math.floor(r() * 14 * 86_400_000));
  return [
    measure('calendar.addWorkingDays', 1_000_000, (i) =>
      closeOfBusinessAfterWorkingDays(cal, instants[i]!, days[i]!),
    ),
    measure('calendar.addWorkingMinutes', 1_000_000, (i) =>
      addWorkingMinutes(cal, instants[i]!, minutes[i]!),
    ),
    measure('calendar.isWorkingTime', undefined, (i) => (isWorkingTime(cal, instants[i]!) ? 1 : 0)),
    measure('calendar.workingMinutesBetween', undefined, (i) =>
      workingMinutesBetween(cal, instants[i]!, instants[i]! + spans[i]!),
    ),
  ];
}
