import ExcelJS from 'exceljs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { SCREENS, signIn, test } from './helpers';

// Issue 20 / CUS-5: an Excel import with errors → the problems report downloaded and opened with
// exceljs → the fixed rows imported from a second file → every customer found in the list.
const PASSWORD = 'Kefu2026demo';
const HEADERS = ['姓名', '手机号', '地址', '生日'];

async function writeSheet(dir: string, name: string, rows: (string | null)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('客户');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

/** Uploads a sheet on the import page, checks the preselected mapping and previews it. */
async function uploadAndPreview(page: Page, file: string, rows: number) {
  await page.goto('/customers/import');
  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.getByText(`共 ${rows} 行数据`)).toBeVisible();
  // The headers are recognised: 姓名 and 手机号 (required) come preselected.
  await expect(page.getByTestId('map-name')).toContainText('第 1 列：姓名');
  await expect(page.getByTestId('map-phone')).toContainText('第 2 列：手机号');
  await page.screenshot({ path: `${SCREENS}/import-mapping.png` });
  await page.getByTestId('import-preview-button').click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
}

async function importAndWait(page: Page) {
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });
}

test('CUS-5: an import with errors, its problems report opened with exceljs, the fixed rows re-imported', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'kefu-import-'));
  const run = Date.now();
  const tag = `导入${run % 1_000_000}`;
  // Unique mobile numbers per run: 139 + eight digits.
  const phone = (i: number) => `139${String((run * 7 + i) % 100_000_000).padStart(8, '0')}`;
  const first = await writeSheet(dir, `customers-${run}.xlsx`, [
    [`${tag}甲`, phone(1), '上海市徐汇区漕溪北路 1 号', '1980-05-01'],
    [`${tag}乙`, '1234', '上海市徐汇区漕溪北路 2 号', null],
    [`${tag}丙`, phone(3), null, '1975/2/30'],
    [`${tag}丁`, phone(4), '上海市徐汇区漕溪北路 4 号', null],
  ]);

  await signIn(page, 'hq.supervisor', PASSWORD);
  await uploadAndPreview(page, first, 4);
  await page.screenshot({ path: `${SCREENS}/import-preview.png`, fullPage: true });
  await expect(page.getByTestId('preview-row-bad')).toHaveCount(2);
  await expect(page.getByTestId('preview-row-ok')).toHaveCount(2);
  await expect(page.getByTestId('import-preview')).toContainText('不是有效的电话号码');
  await importAndWait(page);
  await expect(page.getByTestId('import-imported')).toHaveText('2');
  await expect(page.getByTestId('import-invalid')).toHaveText('2');
  await page.screenshot({ path: `${SCREENS}/import-result.png`, fullPage: true });

  // The report: one row per problem, with the sheet row, the column as the sheet names it, and why.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('import-report').click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(await (await downloading).path())) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '问题']);
  const problems: { row: number; column: string; problem: string }[] = [];
  sheet.eachRow((r, n) => {
    if (n > 1)
      problems.push({
        row: Number(r.getCell(1).value),
        column: String(r.getCell(2).value),
        problem: String(r.getCell(3).value),
      });
  });
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatchObject({ row: 3, column: '手机号' });
  expect(problems[0]!.problem).toMatch(/^第 3 行“手机号”：不是有效的电话号码.*（1234）$/);
  expect(problems[1]).toMatchObject({ row: 4, column: '生日' });
  expect(problems[1]!.problem).toContain('第 4 行“生日”：不是有效日期（1975/2/30）');

  // The two rows fixed, in a second file, with a row already imported (skipped as a duplicate).
  const fixed = await writeSheet(dir, `customers-${run}-fixed.xlsx`, [
    [`${tag}乙`, phone(2), '上海市徐汇区漕溪北路 2 号', null],
    [`${tag}丙`, phone(3), null, '1975-03-01'],
    [`${tag}甲`, phone(1), '上海市徐汇区漕溪北路 1 号', '1980-05-01'],
  ]);
  await uploadAndPreview(page, fixed, 3);
  await expect(page.getByTestId('preview-row-bad')).toHaveCount(0);
  await importAndWait(page);
  await expect(page.getByTestId('import-imported')).toHaveText('2');
  await expect(page.getByTestId('import-skipped')).toHaveText('1');
  await expect(page.getByTestId('import-invalid')).toHaveText('0');

  // All four customers are in the list, once each.
  await page.getByRole('button', { name: '查看客户档案' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByTestId('customer-search').locator('input').fill(tag);
  await page.getByTestId('customer-search').locator('input').press('Enter');
  const table = page.getByTestId('customers-table');
  for (const n of ['甲', '乙', '丙', '丁']) await expect(table.getByText(`${tag}${n}`)).toHaveCount(1);
  await expect(page.getByText('共 4 条')).toBeVisible();
});
