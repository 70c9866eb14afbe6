import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { SCREENS, call, signIn as signInAs, test } from './helpers';

// Paid service (PAY-3): the store manager keeps the price list in yuan (stored in fen, fractions of
// a fen refused); the installation supervisor drafts a quote for a charged order, which then waits
// for finance and the warehouse to confirm the prices.
const PASSWORD = 'Kefu2026demo';

/** Logs in with the demo password and waits until the session is there. */
const signIn = (page: Page, user: string) => signInAs(page, user, PASSWORD);

async function addPrice(page: Page, item: { kind?: '配件'; code: string; name: string; price: string }) {
  await page.getByTestId('price-add').click();
  const dialog = page.getByRole('dialog');
  if (item.kind) await dialog.getByText(item.kind, { exact: true }).click();
  await dialog.getByLabel('编码').fill(item.code);
  await dialog.getByLabel('名称').fill(item.name);
  await dialog.getByTestId('price-input').fill(item.price);
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
}

test('the price list is kept in yuan and a charged order gets a quote that waits for its price confirmations', async ({
  browser,
}) => {
  const run = Date.now().toString(36).slice(-5).toUpperCase(); // codes are unique per unit
  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, 'sh.manager');
  await manager.goto('/workorders/price-list');
  await addPrice(manager, { code: `SVC-${run}`, name: '上门维修费', price: '80' });
  await expect(manager.getByTestId('price-table')).toContainText('¥80.00 / 次');
  // A fraction of a fen is refused on the form, not rounded.
  await manager.getByTestId('price-add').click();
  await manager.getByRole('dialog').getByTestId('price-input').fill('12.345');
  await manager.getByRole('dialog').getByLabel('编码').fill('BAD');
  await manager
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(manager.getByRole('dialog')).toContainText('最多两位小数');
  await manager
    .getByRole('dialog')
    .getByRole('button', { name: /取\s*消|Cancel/ })
    .click();
  await addPrice(manager, { kind: '配件', code: `CAP-${run}`, name: '启动电容', price: '35.5' });
  await expect(manager.getByTestId('price-table')).toContainText('¥35.50');
  await manager.screenshot({ path: `${SCREENS}/workorders-price-list.png`, fullPage: true });

  // A repair without a warranty date is proposed as charged (PAY-2, class A); the supervisor quotes it.
  const boss = await (await browser.newContext()).newPage();
  await signIn(boss, 'sh.install');
  const me = await call(boss, 'GET', '/api/v1/me');
  const order = await call(boss, 'POST', '/api/v1/workorders', {
    unitId: me.memberships[0].unitId,
    // REP-1: an order is dispatched only with the model and the purchase date.
    productModel: 'KFR-35GW/BP3',
    purchaseDate: '2025-06-18',
    type: 'repair',
    problem: '空调外机不启动，保修卡遗失',
    contactName: '赵先生',
    contactPhone: '13912345678',
    address: '上海市徐汇区宜山路 700 号',
  });
  await boss.goto(`/workorders/${order.id}`);
  await expect(boss.getByTestId('paid-card')).toContainText('A 收费服务');
  await boss.getByTestId('quote-edit').click();
  const editor = boss.getByRole('dialog');
  await editor.getByPlaceholder('项目').first().fill('上门维修费');
  await editor.locator('input[placeholder=""], .ant-input-affix-wrapper input').first().fill('80');
  await editor.getByRole('button', { name: '添加一行' }).click();
  await editor.getByPlaceholder('项目').nth(1).fill('启动电容');
  await editor.locator('.ant-input-affix-wrapper input').nth(1).fill('35.50');
  await expect(editor).toContainText('合计 ¥115.50');
  await editor.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(boss.getByTestId('quote-total')).toHaveText('合计 ¥115.50');

  // The confirmation steps wait for finance and the warehouse, in order (PAY-3).
  await expect(boss.getByTestId('quote-card')).toContainText('财务确认服务价格');
  await expect(boss.getByTestId('quote-card').getByRole('button', { name: '登记客户确认' })).toHaveCount(0);
  await boss.screenshot({ path: `${SCREENS}/workorders-quote.png`, fullPage: true });
});
