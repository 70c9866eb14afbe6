import { expect } from '@playwright/test';
import { SCREENS, call, callRaw, signIn, test } from './helpers';

// Spare parts (issue 18): the store manager keeps the catalogue, receives stock into the store's
// warehouse and sends some to a technician's van; a movement larger than the stock is refused.
const PASSWORD = 'Kefu2026demo';

test('the store manager keeps the parts catalogue, receives stock and sees it by location and in the journal', async ({
  page,
}) => {
  const run = Date.now().toString(36).slice(-5).toUpperCase();
  await signIn(page, 'sh.manager', PASSWORD);
  const me = await call(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const warehouse = await call(page, 'POST', '/api/v1/stock-locations', {
    unitId,
    kind: 'warehouse',
    name: `徐汇店仓库 ${run}`,
  });
  const techs = await call(page, 'GET', `/api/v1/workorders/technicians?unitId=${unitId}`);
  const tech = techs.items[0] as { id: string; name: string };
  const existingVan = (await call(page, 'GET', `/api/v1/stock-locations?unitId=${unitId}`)).items.find(
    (l: { technician: { id: string } | null }) => l.technician?.id === tech.id,
  );
  const van =
    existingVan ??
    (await call(page, 'POST', '/api/v1/stock-locations', {
      unitId,
      kind: 'van',
      name: `${tech.name}车载库`,
      technicianId: tech.id,
    }));
  const filter = await call(page, 'POST', '/api/v1/parts', {
    unitId,
    code: `FL-${run}`,
    name: '空调滤网',
    model: 'KFR-35',
    uom: '片',
    priceFen: 2800,
    lowStockThreshold: 5,
  });
  await call(page, 'POST', '/api/v1/part-movements', {
    kind: 'receive',
    partId: filter.id,
    toLocationId: warehouse.id,
    quantity: 12,
  });
  await call(page, 'POST', '/api/v1/part-movements', {
    kind: 'transfer',
    partId: filter.id,
    fromLocationId: warehouse.id,
    toLocationId: van.id,
    quantity: 3,
  });

  await page.goto('/parts');
  // A new part through the form: price typed in yuan, kept in fen.
  await page.getByTestId('part-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('part-code').fill(`CAP-${run}`);
  await dialog.getByTestId('part-name').fill('启动电容');
  await dialog.getByTestId('part-price').fill('12.5');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('parts-table')).toContainText(`CAP-${run}`);
  await expect(page.getByTestId('parts-table')).toContainText('¥12.50 / 个');
  await expect(page.getByTestId('parts-table')).toContainText(`FL-${run}`);
  await page.screenshot({ path: `${SCREENS}/parts-catalogue.png`, fullPage: true });

  await page.getByRole('tab', { name: '库存' }).click();
  await expect(page.getByTestId('stock-table')).toContainText(`徐汇店仓库 ${run}`);
  await expect(page.getByTestId('stock-table')).toContainText('9 片');
  await page.screenshot({ path: `${SCREENS}/parts-stock.png`, fullPage: true });

  // Stock never goes below zero: taking 50 from 9 is refused with the reason.
  const refused = await callRaw(page, 'POST', '/api/v1/part-movements', {
    kind: 'transfer',
    partId: filter.id,
    fromLocationId: warehouse.id,
    toLocationId: van.id,
    quantity: 50,
  });
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('parts.insufficient_stock');

  await page.getByRole('tab', { name: '出入库流水' }).click();
  await expect(page.getByTestId('movements-table')).toContainText('采购入库');
  await expect(page.getByTestId('movements-table')).toContainText('调拨');
  await page.getByTestId('movement-add').click();
  await expect(page.getByRole('dialog')).toContainText('登记出入库');
  await page.screenshot({ path: `${SCREENS}/parts-movement-dialog.png`, fullPage: true });
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /取\s*消|Cancel/ })
    .click();
  await page.screenshot({ path: `${SCREENS}/parts-journal.png`, fullPage: true });
});
