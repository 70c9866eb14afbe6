import { describe, expect, it } from 'vitest';
import { isEmailAddress, retryDelayMs } from './outbox';
import { renderTemplate, SHIPPED_TEMPLATES, unknownVariables, variablesIn } from './templates';

describe('message templates', () => {
  it('fills {{variables}} and names every missing one', () => {
    expect(
      renderTemplate('{{customerName}}您好，{{ storeName }}', {
        customerName: '王女士',
        storeName: '朝阳店',
      }),
    ).toEqual({
      ok: true,
      text: '王女士您好，朝阳店',
    });
    expect(
      renderTemplate('{{customerName}}{{surveyUrl}}{{storeName}}', { customerName: '王', storeName: ' ' }),
    ).toEqual({
      ok: false,
      missing: ['surveyUrl', 'storeName'],
    });
  });

  it('a template with an unknown variable is named at save', () => {
    expect(unknownVariables('您好{{customerName}}{{custName}}', '{{bogus}}')).toEqual(['custName', 'bogus']);
    expect(variablesIn('{{a}}{{b}}{{a}}')).toEqual(['a', 'b']);
  });

  it('CARE-2 / SAT-3: the shipped templates other modules send exist and use only known variables', () => {
    const codes = SHIPPED_TEMPLATES.map((t) => t.code);
    for (const code of [
      'care_sms_fallback',
      'service_done_sms',
      'survey_invitation',
      'appointment_reminder',
      'workorder_link',
      'return_refund_notice',
    ])
      expect(codes).toContain(code);
    for (const t of SHIPPED_TEMPLATES) expect(unknownVariables(t.subject, t.body)).toEqual([]);
    const survey = SHIPPED_TEMPLATES.find((t) => t.code === 'survey_invitation')!;
    expect(variablesIn(survey.body).sort()).toEqual(['customerName', 'storeName', 'surveyUrl']);
  });

  it('retries back off exponentially and e-mail addresses are checked', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(2 * 3600_000);
    expect(isEmailAddress('wang@example.cn')).toBe(true);
    expect(isEmailAddress('王 <wang@example.cn>')).toBe(false);
    expect(isEmailAddress('wang@localhost')).toBe(false);
  });
});
