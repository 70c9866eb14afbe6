import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A writer whose batches finish only when the test says so; it records what it was given. */
function controlledWriter(failOn: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const write = async (batch: readonly number[]) => {
    batches.push([...batch]);
    await new Promise<void>((release) => releases.push(release));
    if (batch.some(failOn)) throw new Error(`batch with ${batch.filter(failOn).join(',')} refused`);
    return batch.map((n) => n * 10);
  };
  const releaseAll = async () => {
    // Let queued batches start, then let every started one finish, until nothing is pending.
    for (let round = 0; round < 50; round++) {
      await new Promise((r) => setImmediate(r));
      const pending = releases.splice(0);
      if (pending.length === 0 && round > 2) return;
      pending.forEach((release) => release());
    }
  };
  return { write, batches, releaseAll };
}

describe('group commit', () => {
  it('a lone request is written at once, alone; those arriving meanwhile go together in the next batch', async () => {
    const w = controlledWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 64, maxInFlight: 1 });
    const first = commit.submit(1);
    const rest = [2, 3, 4, 5].map((n) => commit.submit(n));
    await w.releaseAll();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50]);
    expect(w.batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('never more batches at once than allowed, never more items in one than allowed', async () => {
    const w = controlledWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 3, maxInFlight: 2 });
    const all = Array.from({ length: 10 }, (_, i) => commit.submit(i));
    await new Promise((r) => setImmediate(r));
    expect(w.batches).toEqual([[0], [1]]);
    await w.releaseAll();
    expect(await Promise.all(all)).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(w.batches.slice(2)).toEqual([
      [2, 3, 4],
      [5, 6, 7],
      [8, 9],
    ]);
  });

  it('a failed batch is written again one by one: only the request that breaks it gets the error', async () => {
    const w = controlledWriter((n) => n === 3);
    const commit = new GroupCommit(w.write, { maxBatch: 64, maxInFlight: 1 });
    const outcomes = [1, 2, 3, 4].map((n) =>
      commit.submit(n).then(
        (v) => ({ ok: v }),
        (e: Error) => ({ error: e.message }),
      ),
    );
    await w.releaseAll();
    expect(await Promise.all(outcomes)).toEqual([
      { ok: 10 },
      { ok: 20 },
      { error: 'batch with 3 refused' },
      { ok: 40 },
    ]);
    expect(w.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
