import { describe, expect, it } from 'vitest';

// Issue 23: Node 20 is past its end of life and users run Node 24 LTS. CI (.ci/run) fetches a
// Node 24 binary and scripts/test-unit.sh runs the server tests on PostgreSQL under it.
const onNode24Run = !!process.env.KEFU_NODE24 && process.env.KEFU_TEST_DB === 'postgres';

describe('the runtime the server tests run on', () => {
  it.runIf(onNode24Run)('the server tests on PostgreSQL run on Node 24 when CI provides it', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('the runtime is one Kefu supports (Node 20.19+ or 24)', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major > 20 || (major === 20 && minor >= 19)).toBe(true);
  });
});
