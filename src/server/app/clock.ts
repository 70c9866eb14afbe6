/** Where the server reads the time; tests pass a clock they can move. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: starts at `start` and moves only when told. */
export function createTestClock(start = new Date('2026-03-02T02:00:00Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advanceBy(ms: number) {
      current += ms;
    },
    set(date: Date) {
      current = date.getTime();
    },
  };
}
