import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { SCREENS, call, loginAsAdmin, signIn, test } from './helpers';

// Every module brings its own menu entries and strings (src/web/modules/<cap>/<cap>.module.ts).
// A string a module forgot to register would show as its key, e.g. "tickets.nav.desk".
const NAMESPACES = [
  'app',
  'nav',
  'header',
  'login',
  'password',
  'common',
  'unitKind',
  'home',
  'units',
  'users',
  'roles',
  'permissionGroup',
  'accountRequests',
  'audit',
  'subjectType',
  'calendar',
  'sla',
  'countsIn',
  'customers',
  'contacts',
  'letters',
  'telephony',
  'tickets',
  'tasks',
  'department',
  'complaints',
  'complaintFlow',
  'workOrders',
  'surveys',
  'care',
  'messages',
];
const RAW_KEY = new RegExp(`\\b(${NAMESPACES.join('|')})\\.[A-Za-z]`);

async function expectNoRawKeys(page: Page): Promise<void> {
  const menu = page.locator('.ant-layout-sider .ant-menu');
  await expect(menu).toBeVisible();
  for (const text of await menu.locator('.ant-menu-item, .ant-menu-item-group-title').allInnerTexts()) {
    expect(text.trim(), 'a menu entry has a label').not.toBe('');
    expect(text, 'a menu entry shows a text, not its key').not.toMatch(RAW_KEY);
  }
  expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
}

test('the agent desk and the whole side menu read in Chinese and in English, no raw keys', async ({
  page,
}) => {
  await loginAsAdmin(page);
  await page.goto('/desk');
  await expect(page.getByTestId('intake-subject')).toBeVisible();
  const menu = page.locator('.ant-layout-sider .ant-menu');
  for (const label of ['工作台', '坐席工作台', '工单列表', '投诉结案', '客户档案', '上门服务', '满意度']) {
    await expect(menu.getByText(label, { exact: true }).first()).toBeVisible();
  }
  for (const label of ['客户关怀', '发件箱', '组织架构', '开户申请', '工作日历', '时限策略', '操作日志']) {
    await expect(menu.getByText(label, { exact: true }).first()).toBeAttached();
  }
  await expectNoRawKeys(page);
  await page.screenshot({ path: `${SCREENS}/nav-desk-zh.png`, fullPage: true });

  await page.getByText('EN', { exact: true }).click();
  await expect(menu.getByText('Agent desk', { exact: true })).toBeVisible();
  for (const label of ['Tickets', 'Complaint close-out', 'Field service', 'Satisfaction', 'Customer care']) {
    await expect(menu.getByText(label, { exact: true }).first()).toBeAttached();
  }
  for (const label of ['Organisation & people', 'Time limits', 'SLA policies', 'System']) {
    await expect(menu.getByText(label, { exact: true }).first()).toBeAttached();
  }
  await expectNoRawKeys(page);
  await page.screenshot({ path: `${SCREENS}/nav-desk-en.png`, fullPage: true });
});

// Issue 16 item 10: in English the ticket header's longer button labels clipped the number to
// "T20" and the tags to "Rec", "In p"; an allowance of one working hour read "1 working hours".
test('in English a ticket header shows its whole number and tags, and says 1 working hour', async ({
  page,
}) => {
  await signIn(page, 'sh.agent', 'Kefu2026demo');
  const me = await call(page, 'GET', '/api/v1/me');
  const ticket = await call(page, 'POST', '/api/v1/tickets', {
    unitId: me.memberships[0].unitId,
    type: 'hard_complaint',
    channel: 'phone',
    subject: 'Wardrobe door cracked, asks for a visit',
    contactPhone: '13912345678',
  });
  await page.getByText('EN', { exact: true }).click();
  await page.goto(`/tickets/${ticket.id}`);
  const number = page.getByTestId('ticket-number');
  await expect(number).toContainText(ticket.number);
  const clipped = (locator: Locator) =>
    locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().width < 20);
  expect(await clipped(number)).toBe(false);
  const header = page.getByTestId('ticket-header');
  for (const tag of ['Hard complaint', 'New', 'Normal']) {
    const t = header.locator('.ant-tag', { hasText: tag }).first();
    await expect(t).toBeVisible();
    expect(await clipped(t)).toBe(false);
  }
  await expect(page.getByTestId('sla-targets')).toContainText(/\b1 working hour(?!s)/);
  await page.screenshot({ path: `${SCREENS}/ticket-detail-en.png`, fullPage: true });
});
