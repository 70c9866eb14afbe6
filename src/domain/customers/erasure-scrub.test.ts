import { describe, expect, it } from 'vitest';
import { addressFragments, erasureScrubbers, roomParts, surnameOf } from './erasure-scrub';

const PLACEHOLDER = '已删除个人信息的客户';
const wang = erasureScrubbers(
  {
    name: '王建华',
    identityNumber: '310104199001011234',
    phones: [{ normalized: '13812345678', display: '138 1234 5678' }],
    addresses: ['北京市朝阳区阳光花园3栋2单元501'],
    rooms: ['3栋2单元501'],
    otherValues: ['京(2025)第0123号'],
  },
  PLACEHOLDER,
);

describe('PIPL erasure scrubbers', () => {
  it('PIPL: surnames, compound surnames included; non-Chinese names have none', () => {
    expect(surnameOf('王建华')).toBe('王');
    expect(surnameOf('欧阳隐私')).toBe('欧阳');
    expect(surnameOf('John Smith')).toBeNull();
  });

  it('PIPL: address fragments are a named place with the numbers after it, never the city, district or community alone', () => {
    const f = addressFragments('上海市徐汇区天钥桥路 100 弄 8 号 601 室');
    expect(f).toEqual(expect.arrayContaining(['天钥桥路100弄', '天钥桥路100弄8号601室']));
    for (const shared of ['上海市', '徐汇区', '天钥桥路', '100弄8号']) expect(f).not.toContain(shared);
    expect(addressFragments('北京市朝阳区阳光花园3栋2单元501')).toEqual(
      expect.arrayContaining(['阳光花园3栋', '阳光花园3栋2单元501']),
    );
    expect(roomParts('3栋2单元501')).toEqual(['3', '2', '501']);
    expect(roomParts('501')).toBeNull();
  });

  it('PIPL: text about the customer loses the address in part, the room however written, and 王先生/王女士', () => {
    const text =
      '王先生（王女士的丈夫）住阳光花园 3 栋，房号 3-2-501，也写作 3号楼2单元501室；' +
      '证件 310104199001011234，电话 138-1234-5678，产权证 京(2025)第0123号';
    const out = wang.about(text);
    for (const gone of ['王先生', '王女士', '阳光花园 3 栋', '3-2-501', '3号楼2单元501室', '1234', '0123'])
      expect(out, gone).not.toContain(gone);
  });

  it('PIPL: unrelated text stays: staff titles, neighbours, other rooms, the district, ids', () => {
    const text =
      '王师傅上门，小王回访；邻居李先生住阳光花园5栋，另一户 13-2-5011 和 3-2-502；朝阳区物业；' +
      '编号 0f3a8b2e-3101-4a2b-9c2d-3250101abcd1';
    expect(wang.about(text)).toBe(text);
    expect(wang.mention(text)).toBe(text);
  });

  it('PIPL: text found by a mention loses the recorded values but not what other people share', () => {
    const text = '王建华 3栋2单元501 报修；另一位王先生住阳光花园3栋';
    expect(wang.mention(text)).toBe('*** *** 报修；另一位王先生住阳光花园3栋');
    expect(wang.probes).toEqual(expect.arrayContaining(['王建华', '13812345678', '3栋2单元501']));
  });
});
