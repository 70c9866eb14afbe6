import { expect } from '@playwright/test';
import { ADMIN, callRaw, SCREENS, signIn, test } from './helpers';

// CUS-3: a view of a customer record appears in the archive keeper's access log.
test('CUS-3: opening a customer record shows up in 档案查阅记录 with who and when', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  const units = (await callRaw(page, 'GET', '/api/v1/units')).body.items as { id: string; kind: string }[];
  const name = `查阅${Date.now() % 100000}`;
  const created = await callRaw(page, 'POST', '/api/v1/customers', {
    unitId: units.find((u) => u.kind === 'store')!.id,
    name,
    phones: [{ number: '13912340377' }],
  });
  expect(created.status).toBe(201);
  await page.goto('/customers');
  await page
    .getByPlaceholder(/姓名|电话/)
    .first()
    .fill(name);
  await page
    .getByPlaceholder(/姓名|电话/)
    .first()
    .press('Enter');
  const row = page.locator('.ant-table-row', { hasText: name });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByText(name).click();
  await expect(page.locator('.ant-drawer-open')).toBeVisible();
  await page.goto('/customers/access');
  const table = page.getByTestId('access-table');
  await expect(table.getByText('查看档案').first()).toBeVisible({ timeout: 30_000 });
  await expect(table.getByText(name).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/customer-access-log.png`, fullPage: true });
  await page.getByRole('tab', { name: '导出申请' }).click();
  await expect(page.getByTestId('export-requests-table')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/customer-export-requests.png`, fullPage: true });
});
