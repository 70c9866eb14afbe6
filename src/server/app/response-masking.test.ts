import { describe, expect, it } from 'vitest';
import { maskNumbersByField, maskNumbersInText } from './response-masking';

describe('CUS-4 numbers written into free text', () => {
  it('CUS-4: mobiles and ID numbers inside descriptions and notes are masked, codes and ids are not', () => {
    expect(
      maskNumbersInText('客户王先生 13812345678 来电，另一个号码 139-1234-5678，备用 137 1234 5678'),
    ).toBe('客户王先生 138****5678 来电，另一个号码 139****5678，备用 137****5678');
    expect(maskNumbersInText('身份证 31010419900101123X 已核对')).toBe('身份证 310104********123X 已核对');
    // Not numbers of a person: longer digit runs, codes with letters, uuids, times.
    for (const text of [
      'WO138123456789',
      '订单 DD13812345678',
      '1381234567890',
      '0e3b3f5a-1381-2345-6789-013812345678',
      '2026-12-07T08:30:00.000Z',
    ])
      expect(maskNumbersInText(text)).toBe(text);
  });
  it('CUS-4: landlines with their area code are masked in free text like mobiles; dates, codes and hotlines are not', () => {
    expect(maskNumbersInText('白天打 021-6234 5678，晚上打 0571-88886666，北京 (010)12345678')).toBe(
      '白天打 021-****5678，晚上打 0571-****6666，北京 010-****5678',
    );
    expect(maskNumbersInText('座机（0755）8888 6666 或 021 62345678、02162345678')).toBe(
      '座机0755-****6666 或 021-****5678、021-****5678',
    );
    for (const text of [
      '2026-12-07 预约',
      '订单 SO0571888866661',
      '服务热线 400-820-8820',
      '编号 0571-888866661',
      '单号 A02162345678',
      '尾号 62345678',
      // Ids whose dashed digit groups read like an area code and a number (the intake batch test
      // met one: its ticket id came back as 0434-****4466…).
      '04341234-4466-4608-94a4-15c9d69083ab',
      '关联工单 02161234-5678-4abc-8def-0123456789ab 已完成',
    ])
      expect(maskNumbersInText(text)).toBe(text);
    // A number beside an id is still masked; the id is kept whole.
    expect(maskNumbersInText('工单 04341234-4466-4608-94a4-15c9d69083ab 客户 021-6234 5678')).toBe(
      '工单 04341234-4466-4608-94a4-15c9d69083ab 客户 021-****5678',
    );
  });
  it('CUS-4: the field walk masks free text at every depth as well as the number fields', () => {
    const out = maskNumbersByField({
      description: '回拨 13812345678',
      phone: '13912345678',
      items: [{ note: '证件 310104199001011234' }, '13712345678'],
    });
    expect(out).toEqual({
      description: '回拨 138****5678',
      phone: '139****5678',
      items: [{ note: '证件 310104********1234' }, '137****5678'],
    });
  });
});
