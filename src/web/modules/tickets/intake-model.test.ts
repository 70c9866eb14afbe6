import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { firstEmptyRequired, intakeBody, phoneDigits } from './intake-model';

const UNIT = '0b7f3c4e-5a1d-4f55-9a2e-2d7c1f0e9a11';

describe('intake panel body', () => {
  it('IN-1: sends only what was typed; "now" is left to the server', () => {
    expect(
      intakeBody(UNIT, {
        type: 'hard_complaint',
        channel: 'phone',
        priority: 'normal',
        subject: '  衣柜门板开裂  ',
        description: '',
        phone: '138 0013 8000',
      }),
    ).toEqual({
      unitId: UNIT,
      type: 'hard_complaint',
      channel: 'phone',
      subject: '衣柜门板开裂',
      contactPhone: '138 0013 8000',
    });
  });

  it('IN-10: the same form gives the same body, so a retry replays instead of conflicting', () => {
    const values = {
      type: 'repair' as const,
      channel: 'phone' as const,
      priority: 'high' as const,
      subject: '漏水',
    };
    expect(JSON.stringify(intakeBody(UNIT, values))).toBe(JSON.stringify(intakeBody(UNIT, { ...values })));
  });

  it('IN-1: a back-dated letter keeps its offset; rectification sends its kind, others never do', () => {
    const body = intakeBody(UNIT, {
      type: 'rectification',
      rectificationKind: 'engineering',
      channel: 'letter',
      priority: 'normal',
      subject: '业主来函',
      receivedAt: dayjs('2026-03-01T15:00:00+08:00'),
      purchaseDate: dayjs('2024-05-01'),
    });
    expect(body.rectificationKind).toBe('engineering');
    expect(dayjs(body.receivedAt as string).valueOf()).toBe(dayjs('2026-03-01T15:00:00+08:00').valueOf());
    expect(body.receivedAt).toMatch(/[+-]\d\d:\d\d$/);
    expect(body.purchaseDate).toBe('2024-05-01');
    expect(
      intakeBody(UNIT, {
        type: 'repair',
        rectificationKind: 'engineering',
        channel: 'phone',
        priority: 'normal',
      }),
    ).not.toHaveProperty('rectificationKind');
  });

  it('IN-3: counts the digits of a phone however it is typed', () => {
    expect(phoneDigits('+86 138-0013')).toBe('861380013');
    expect(phoneDigits(undefined)).toBe('');
  });
});

describe('intake from a call', () => {
  const call = { callId: 'sim-1', shownNumber: '139****5678' };
  it('IN-3: a masked number from the pop-up is never sent; the call id is, and the server keeps the number on file', () => {
    const body = intakeBody(
      UNIT,
      { channel: 'phone', priority: 'normal', type: 'repair', subject: '不制冷', phone: '139****5678' },
      call,
    );
    expect(body.contactPhone).toBeUndefined();
    expect(body.callId).toBe('sim-1');
  });
  it('IN-3: a number the agent typed over the masked one is sent as typed', () => {
    const body = intakeBody(
      UNIT,
      { channel: 'phone', priority: 'normal', type: 'repair', subject: '不制冷', phone: '021 5555 0000' },
      call,
    );
    expect(body).toMatchObject({ contactPhone: '021 5555 0000', callId: 'sim-1' });
  });
  it('CL-2: 受理并办结 sends the answer given on the spot with the approved answer it came from', () => {
    const v = {
      channel: 'phone',
      priority: 'normal',
      type: 'consultation_direct',
      subject: '营业时间',
    } as const;
    const body = intakeBody(UNIT, v, null, '  9 点到 21 点 ', 'a1');
    expect(body).toMatchObject({ answerOnIntake: '9 点到 21 点', answerArticleId: 'a1' });
    // A plain 受理 sends neither, even when an answer had been inserted.
    expect(intakeBody(UNIT, v, null, undefined, 'a1')).not.toHaveProperty('answerArticleId');
  });
  it('IN-4: after 受理 the cursor goes to the first empty required field', () => {
    expect(firstEmptyRequired({})).toBe('type');
    expect(firstEmptyRequired({ type: 'rectification' })).toBe('rectificationKind');
    expect(firstEmptyRequired({ type: 'repair', subject: '  ' })).toBe('subject');
    expect(firstEmptyRequired({ type: 'repair', subject: '不制冷' })).toBe('description');
  });
});
