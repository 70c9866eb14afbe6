import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { login, callRaw, test } from './helpers';

// Issue 16: every list exports ALL matching rows (not the page) to a real workbook; the follow-up
// caller reveals the number for a reason and dials it, and sees which ticket the call is about.
const PASSWORD = 'Kefu2026demo';

async function ok(page: Page, method: 'GET' | 'POST', path: string, data?: unknown) {
  const r = await callRaw(page, method, path, data);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}

test('the customer list exports all 1,000 matching customers to Excel, opened with exceljs', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await login(page, 'sh.agent', PASSWORD);
  await expect(page).toHaveURL(/\/desk$/);
  const me = await ok(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const tag = `导出${Date.now() % 100000}`;
  for (let i = 0; i < 1000; i += 25)
    await Promise.all(
      Array.from({ length: 25 }, (_, k) =>
        ok(page, 'POST', '/api/v1/customers', {
          unitId,
          name: `${tag}客户${String(i + k).padStart(4, '0')}`,
        }),
      ),
    );
  await page.goto('/customers');
  await page
    .getByPlaceholder(/姓名|手机/)
    .first()
    .fill(tag);
  await page
    .getByPlaceholder(/姓名|手机/)
    .first()
    .press('Enter');
  await expect(page.getByText('共 1000 条')).toBeVisible({ timeout: 30_000 });
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-xlsx').click();
  // CUS-4: customers' personal data leaves only with a reason, recorded in the audit trail.
  const why = page.getByRole('dialog');
  await why.getByRole('button', { name: /导\s*出/ }).click();
  await expect(why.getByText('请填写导出原因')).toBeVisible();
  await why.getByTestId('export-reason').fill('核对本月新建客户');
  await why.getByRole('button', { name: /导\s*出/ }).click();
  const file = await (await downloading).path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.rowCount).toBe(1001);
  expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const names = new Set<string>();
  sheet.eachRow((row, n) => {
    if (n > 1) names.add(String(row.getCell(1).value));
  });
  expect(names.size).toBe(1000);
  expect(names.has(`${tag}客户0000`) && names.has(`${tag}客户0999`)).toBe(true);
  expect(sheet.getRow(2).getCell(9).value).toBeInstanceOf(Date);
});

test('the price list exports every item in force at the store to Excel, not a CSV of the page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await login(page, 'sh.manager', PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const me = await ok(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const run = Date.now().toString(36).slice(-5).toUpperCase();
  await ok(page, 'POST', '/api/v1/price-list', {
    unitId,
    kind: 'service',
    code: `XL-${run}`,
    name: '上门检测费',
    unit: '次',
    priceFen: 5_050,
  });
  const items = (await ok(page, 'GET', `/api/v1/price-list?unitId=${unitId}`)).items as unknown[];
  await page.goto('/workorders/price-list');
  await expect(page.getByTestId('price-table')).toContainText(`XL-${run}`, { timeout: 30_000 });
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('export-xlsx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe('编码');
  expect(sheet.rowCount - 1).toBe(items.length);
  const row = (sheet.getRows(2, sheet.rowCount - 1) ?? []).find((r) => r.getCell(1).value === `XL-${run}`);
  expect(row?.getCell(5).value).toBe(50.5);
});

test('the follow-up names its ticket and the caller reveals the number for a reason, then dials it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await login(page, 'sh.agent', PASSWORD);
  await expect(page).toHaveURL(/\/desk$/);
  const me = await ok(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const name = `拨打客户${Date.now() % 100000}`;
  const customer = await ok(page, 'POST', '/api/v1/customers', {
    unitId,
    name,
    phones: [{ number: '13900002222' }],
  });
  const ticket = await ok(page, 'POST', '/api/v1/tickets', {
    unitId,
    type: 'repair',
    channel: 'phone',
    subject: '热水器点不着',
    customerId: customer.id,
  });
  for (const to of ['in_progress', 'resolved', 'closed'])
    await ok(page, 'POST', `/api/v1/tickets/${ticket.id}/transition`, { to });
  await page.goto('/care/worklist');
  await page.getByText('全部待办').click();
  await page.getByTestId('care-task-row').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('care-follows-up')).toHaveText(`工单 ${ticket.number}`);
  await page.getByTestId('care-reveal').click();
  await page.getByRole('button', { name: '拨打', exact: true }).click();
  const dial = page.getByTestId('care-dial-link');
  await expect(dial).toHaveAttribute('href', 'tel:13900002222');
});
