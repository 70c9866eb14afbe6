import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from './db';
import { searchDocument, searchQuery, searchTokens } from './chinese-text';
import { createTestKefu, type TestKefu } from '../test/test-app';

describe('Chinese text for search', () => {
  it('cuts Chinese into words and keeps numbers whole', () => {
    const tokens = searchTokens('客户投诉沙发质量问题，要求上门维修，电话13812345678');
    expect(tokens).toEqual(expect.arrayContaining(['投诉', '沙发', '质量', '上门', '维修', '13812345678']));
    expect(tokens).not.toContain('，');
  });

  it('builds a query that needs every word and cannot be broken by operators', () => {
    expect(searchQuery('沙发 维修')).toBe("'沙发' & '维修'");
    expect(searchQuery("沙发 & !维修 ' :*")).toBe("'沙发' & '维修'");
    expect(searchQuery('，。！')).toBeNull();
  });
});

describe('Chinese full-text search in the database', () => {
  let kefu: TestKefu;
  beforeAll(async () => {
    kefu = await createTestKefu();
  });
  afterAll(() => kefu.close());

  it('finds a text by two Chinese words, through a GIN-indexable tsvector', async () => {
    const { db } = kefu.deps;
    await db.execute(sql`create temporary table docs (id int, doc text)`);
    const texts = ['客户反映餐桌表面开裂，要求更换', '沙发海绵塌陷，申请上门维修', '咨询会员积分兑换规则'];
    for (const [i, text] of texts.entries()) {
      await db.execute(sql`insert into docs values (${i}, ${searchDocument(text)})`);
    }
    const find = async (q: string) =>
      rowsOf<{ id: number }>(
        await db.execute(
          sql`select id from docs where to_tsvector('simple', doc) @@ to_tsquery('simple', ${searchQuery(q)}) order by id`,
        ),
      ).map((r) => r.id);
    expect(await find('沙发 维修')).toEqual([1]);
    expect(await find('餐桌开裂')).toEqual([0]);
    expect(await find('积分')).toEqual([2]);
    expect(await find('沙发 积分')).toEqual([]);
  });
});
