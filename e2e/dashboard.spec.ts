import { expect } from '@playwright/test';
import { SCREENS, call, signIn, test } from './helpers';

// RPT-1: the general manager gm.zhou (周建国) opens Kefu on the dashboard; a tile opens the ticket
// list behind it, which shows exactly the tickets the tile counted. The demo company has a handful of
// open tickets of its own: the store agent sh.agent (张敏) takes three in first.
const PASSWORD = 'Kefu2026demo';

interface CountLink {
  count: number;
  href: string;
}

test('RPT-1: the general manager lands on the dashboard and a tile opens exactly its tickets', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, 'sh.agent', PASSWORD);
  const agentMe = await call(agent, 'GET', '/api/v1/me');
  for (const [type, subject] of [
    ['repair', '空调不制冷，要求上门'],
    ['soft_complaint', '安装师傅迟到一小时'],
    ['soft_complaint', '电话多次无人接听'],
  ])
    await call(agent, 'POST', '/api/v1/tickets', {
      unitId: agentMe.memberships[0].unitId,
      type,
      channel: 'phone',
      subject,
    });
  await agent.context().close();

  await signIn(page, 'gm.zhou', PASSWORD);
  // The dashboard's code loads on demand; a busy machine may take a while the first time.
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('dashboard-updated')).toContainText(/更新于 \d{2}:\d{2}/);
  const openTile = page.getByTestId('tile-open');
  await expect(openTile).toBeVisible();

  // The figures on the page are the API's, for the unit the page shows.
  const me = await call(page, 'GET', '/api/v1/me');
  const hqId: string = me.memberships[0].unitId;
  const board = (await call(page, 'GET', `/api/v1/dashboard?unitId=${hqId}`)) as {
    tickets: Record<'open' | 'dueToday' | 'breached' | 'atRisk' | 'waitingDepartment', CountLink>;
  };
  await expect(openTile).toContainText(String(board.tickets.open.count));
  await expect(page.getByTestId('dashboard-by-type')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/dashboard-gm.png`, fullPage: true });

  // The open-tickets tile: the list behind it, every unit under headquarters, page by page.
  const tile = board.tickets.open;
  expect(tile.count).toBeGreaterThan(0);
  await openTile.click();
  await expect(page).toHaveURL(/\/tickets\?/);
  const expected = (await call(page, 'GET', `/api/v1${tile.href}&pageSize=200`)) as {
    total: number;
    items: { number: string }[];
  };
  expect(expected.total).toBe(tile.count);
  const table = page.getByTestId('tickets-table');
  await expect(page.locator('.ant-pagination-total-text')).toContainText(String(tile.count));
  const firstPage = expected.items.slice(0, 20);
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(firstPage.length);
  for (const t of firstPage) await expect(table).toContainText(t.number);
  await page.screenshot({ path: `${SCREENS}/dashboard-drill-open.png` });

  // Back on the dashboard, a cell of the by-type table narrows the list to one type and SLA state.
  await page.goto('/');
  const cell = page.locator('[data-testid^="by-type-"][data-testid$="-open"]').first();
  await expect(cell).toBeVisible();
  const cellCount = Number(await cell.innerText());
  await cell.click();
  await expect(page).toHaveURL(/type=/);
  await expect(page.locator('.ant-pagination-total-text')).toContainText(String(cellCount));
});
