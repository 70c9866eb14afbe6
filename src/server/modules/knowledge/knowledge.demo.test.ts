import { describe, expect, it } from 'vitest';
import { rankBm25 } from '../../../domain/knowledge';
import { kbTokens, versionSearchText } from './knowledge.text';
import { CASES } from '../../demo/demo-history.data';
import { DEMO_ANSWERS } from '../../demo/demo-knowledge';

describe('the demo company’s approved answers', () => {
  it('KB-3, CL-2: typing one of the history’s direct consultations suggests the answer it is closed with first', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const docs = DEMO_ANSWERS.filter((a) => a.sourceKind !== 'objection').map((a) => ({
      item: a.question,
      tokens: versionSearchText(a, []).split(' ').filter(Boolean),
      at: now,
    }));
    const direct = CASES.consultation_direct;
    expect(direct.length).toBeGreaterThan(0);
    for (const [subject, description] of direct) {
      const answer = DEMO_ANSWERS.find((a) => a.answersSubject === subject);
      expect(answer, subject).toBeDefined();
      const top = rankBm25(kbTokens(`${subject}\n${subject}\n${description}`), docs, now).map((r) => r.item);
      expect(top[0], subject).toBe(answer!.question);
    }
  });
});
