import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { SCREENS, call, pickOptionContaining, signIn, test } from './helpers';

// Issue 18: a store manager makes a maintenance contract on the contracts page and moves spare parts
// from the store's warehouse to a technician's van with the 调拨 form; too large a quantity is named.
const PASSWORD = 'Kefu2026demo';

/** Types into an antd date picker's input and commits with Enter (a click in the opening calendar can miss). */
async function typeDate(input: Locator, day: string) {
  await expect(async () => {
    await input.click();
    await input.fill(day);
    await input.press('Enter');
    await expect(input).toHaveValue(day, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** Searches a customer select by name and picks the match (the list is searched on the server). */
async function pickCustomer(page: Page, select: Locator, name: string) {
  await expect(async () => {
    if ((await select.locator('.ant-select-content-has-value', { hasText: name }).count()) > 0) return;
    await select.click();
    await page.keyboard.type(name);
    await page
      .locator(`.ant-select-dropdown:visible .ant-select-item-option:has-text("${name}")`)
      .first()
      .click({ timeout: 3_000 });
    await expect(select.locator('.ant-select-content-has-value', { hasText: name })).not.toHaveCount(0, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
}

test('PAY-2 / issue 18: the store manager makes a maintenance contract and moves parts to a van with 调拨', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36).slice(-5).toUpperCase();
  await signIn(page, 'sh.manager', PASSWORD);
  const me = await call(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const customerName = `维保客户${run}`;
  await call(page, 'POST', '/api/v1/customers', {
    unitId,
    name: customerName,
    phones: [{ number: `139${String(Date.now()).slice(-8)}`, label: '手机' }],
  });

  // The contract: customer, number and term through the form.
  await page.goto('/workorders/contracts');
  await page.getByTestId('contract-create').click();
  const dialog = page.getByRole('dialog');
  await pickCustomer(page, dialog.getByTestId('contract-create-customer'), customerName);
  await dialog.getByTestId('contract-create-number').fill(`WB-${run}`);
  await typeDate(dialog.getByPlaceholder('请选择日期').first(), '2027-01-01');
  await typeDate(dialog.getByPlaceholder('请选择日期').nth(1), '2027-12-31');
  await page.screenshot({ path: `${SCREENS}/contract-create.png` });
  await page.getByTestId('contract-create-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('contracts-table')).toContainText(`WB-${run}`);

  // Parts: a warehouse with 10, a van; the form names the stock and refuses more than it holds.
  const warehouse = await call(page, 'POST', '/api/v1/stock-locations', {
    unitId,
    kind: 'warehouse',
    name: `调拨仓库${run}`,
  });
  // A technician's van: the one they have, or a new one (one van per technician).
  const techs = await call(page, 'GET', `/api/v1/workorders/technicians?unitId=${unitId}`);
  const tech = techs.items[0] as { id: string; name: string };
  const van =
    (await call(page, 'GET', `/api/v1/stock-locations?unitId=${unitId}`)).items.find(
      (l: { technician: { id: string } | null }) => l.technician?.id === tech.id,
    ) ??
    (await call(page, 'POST', '/api/v1/stock-locations', {
      unitId,
      kind: 'van',
      name: `${tech.name}车载库`,
      technicianId: tech.id,
    }));
  const part = await call(page, 'POST', '/api/v1/parts', {
    unitId,
    code: `TR-${run}`,
    name: '排水泵',
    uom: '个',
    priceFen: 9_800,
    lowStockThreshold: 1,
  });
  await call(page, 'POST', '/api/v1/part-movements', {
    kind: 'receive',
    partId: part.id,
    toLocationId: warehouse.id,
    quantity: 10,
  });
  await page.goto('/parts');
  await page.getByRole('tab', { name: '出入库流水' }).click();
  await page.getByTestId('transfer-add').click();
  const transfer = page.getByRole('dialog');
  await pickOptionContaining(page, transfer.getByTestId('transfer-part'), `TR-${run}`);
  await pickOptionContaining(page, transfer.getByTestId('transfer-from'), `调拨仓库${run}`);
  await expect(transfer).toContainText(`调拨仓库${run} 现有 10 个`);
  await pickOptionContaining(page, transfer.getByTestId('transfer-to'), van.name);
  await transfer.getByTestId('transfer-quantity').fill('15');
  await page.getByTestId('transfer-save').click();
  await expect(transfer).toContainText('调出库位库存不足：只有 10 个，请减少数量');
  await page.screenshot({ path: `${SCREENS}/parts-transfer.png` });
  await transfer.getByTestId('transfer-quantity').fill('4');
  await page.getByTestId('transfer-save').click();
  await expect(transfer).toBeHidden();

  const stock = await call(page, 'GET', `/api/v1/part-stock?unitId=${unitId}&partId=${part.id}`);
  const at = (id: string) =>
    stock.items.find((line: { location: { id: string } }) => line.location.id === id)?.quantity;
  expect(at(warehouse.id)).toBe(6);
  expect(at(van.id)).toBe(4);
});
