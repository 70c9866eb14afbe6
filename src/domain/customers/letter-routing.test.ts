import { describe, expect, it } from 'vitest';
import { routeLetter } from './letter-routing';

const store = 'store';
const departments = [
  { id: 'eng', name: '工程部', code: null },
  { id: 'cs', name: '客服中心', code: null },
  { id: 'adm', name: '行政办公室', code: null },
];

describe('IN-8 letter routing', () => {
  it('IN-8: service reports go to engineering, complaints and praise to customer service, the rest to administration', () => {
    expect(routeLetter('service_report', store, departments)).toBe('eng');
    expect(routeLetter('complaint', store, departments)).toBe('cs');
    expect(routeLetter('praise', store, departments)).toBe('cs');
    expect(routeLetter('other_business', store, departments)).toBe('adm');
  });
  it('IN-8: departments are recognised by their code when the name says nothing', () => {
    const coded = [
      { id: 'a', name: '一部', code: 'AFTER-SALES' },
      { id: 'b', name: '二部', code: 'cs' },
      { id: 'c', name: '三部', code: 'admin' },
    ];
    expect(routeLetter('service_report', store, coded)).toBe('a');
    expect(routeLetter('complaint', store, coded)).toBe('b');
    expect(routeLetter('other_business', store, coded)).toBe('c');
  });
  it('IN-8: a unit without the department keeps the letter itself', () => {
    expect(routeLetter('complaint', store, [{ id: 'eng', name: '售后服务部', code: null }])).toBe(store);
    expect(routeLetter('other_business', store, [])).toBe(store);
  });
});
