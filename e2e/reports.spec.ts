import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect } from '@playwright/test';
import { SCREENS, call, signIn, test } from './helpers';

// Reports (issue 15, RPT-2, RPT-6): the HQ customer-service supervisor (陈静) opens the monthly
// complaint analysis, brings the figures up to date, writes and signs the month's analysis, and
// exports it to Excel; the downloaded workbook is opened with exceljs and its cells checked.
const PASSWORD = 'Kefu2026demo';

test('a manager writes the monthly analysis, signs it and exports the report to Excel', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'hq.supervisor', PASSWORD);
  const agent = await page.context().browser()!.newContext();
  const agentPage = await agent.newPage();
  await signIn(agentPage, 'sh.agent', PASSWORD);
  const me = await call(agentPage, 'GET', '/api/v1/me');
  const ticket = await call(agentPage, 'POST', '/api/v1/tickets', {
    unitId: me.memberships[0].unitId,
    type: 'soft_complaint',
    channel: 'phone',
    subject: '沙发面料起球，要求更换',
  });
  await call(agentPage, 'PUT', `/api/v1/tickets/${ticket.id}/complaint`, {
    product: 'A100 布艺沙发',
    cause: '面料起球',
    productCaused: true,
  });
  await agent.close();

  await page.goto('/reports/monthly');
  // The first report page loads ECharts and the report chunks.
  await expect(page.getByRole('heading', { name: /月度投诉汇总与分析/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('menuitem', { name: '月度投诉分析' })).toBeVisible();
  await page.getByRole('button', { name: '立即更新' }).click();
  await expect(page.getByTestId('report-as-of')).toContainText('数据截至');
  const byCause = page.getByTestId('monthly-by-cause');
  await expect(byCause.getByRole('cell', { name: '面料起球' })).toBeVisible();

  // Drill-down from the cause to its tickets.
  await byCause
    .getByRole('row', { name: /面料起球/ })
    .getByRole('button', { name: '查看工单' })
    .click();
  await expect(page.getByTestId('report-drill').getByText('沙发面料起球，要求更换')).toBeVisible();
  await page.keyboard.press('Escape');

  const text = '本月投诉集中在 A100 布艺沙发面料起球，已要求供应商更换面料批次。';
  await page.getByTestId('analysis-text').fill(text);
  await page.getByTestId('analysis-save').click();
  await expect(page.getByTestId('analysis-version-1')).toBeVisible();
  await page.getByTestId('analysis-sign').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByTestId('analysis-version-1')).toContainText('陈静 签署于');
  await page.screenshot({ path: `${SCREENS}/reports-monthly.png`, fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^月度投诉分析-\d{4}-\d{2}\.xlsx$/);
  const file = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const analysis = workbook.getWorksheet('月度分析')!;
  expect(analysis.getCell('A1').value).toBe('版本');
  expect(analysis.getCell('A2').value).toBe(1);
  expect(analysis.getCell('C2').value).toBe('陈静');
  expect(analysis.getCell('E2').value).toBe(text);
  const causes = workbook.getWorksheet('按原因')!;
  expect(causes.getRow(1).values).toEqual([undefined, '原因', '数量', '占比']);
  expect(causes.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const row = causes.getSheetValues().find((r) => Array.isArray(r) && r[1] === '面料起球') as unknown[];
  expect(row[2]).toBeGreaterThanOrEqual(1);
  expect(causes.getCell('C2').numFmt).toBe('0.0%');
});
