import { describe, expect, it } from 'vitest';
import { bindingsCsv } from './oa-bindings';

describe('issue 22: exporting official-account bindings', () => {
  it('writes one row per binding under the header, quoting what CSV needs, with a BOM for Excel', () => {
    const csv = bindingsCsv(
      [
        {
          id: 'b1',
          accountId: 'a1',
          accountName: '服务号, 华东',
          customerId: 'c1',
          customerName: '周**',
          boundAt: '2026-12-07T02:03:04.000Z',
        },
        {
          id: 'b2',
          accountId: 'a1',
          accountName: '服务号',
          customerId: 'c2',
          customerName: null,
          boundAt: '2026-12-06T00:00:00.000Z',
        },
      ],
      ['客户', '绑定时间', '公众号'],
    );
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('客户,绑定时间,公众号');
    expect(lines[1]).toMatch(/^周\*\*,2026\/12\/7 .*,"服务号, 华东"$/);
    expect(lines[2]).toMatch(/^,2026\/12\/6 .*,服务号$/);
    expect(lines).toHaveLength(3);
  });
});
