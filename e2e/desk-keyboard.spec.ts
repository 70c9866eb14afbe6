import { expect, type Page } from '@playwright/test';
import { call, loginAsAdmin, SCREENS, signIn, test } from './helpers';

// Keyboard intake as an agent on the phone types it (issue 16, items 1 and 6): Enter in a one-line
// field never sends a half-filled form — only Ctrl+Enter does — and a matched caller's customer
// field has no hidden Tab stop, so Tab walks the same fields for a known and an unknown caller.
const SH_AGENT = { username: 'sh.agent', password: 'Kefu2026demo' };
const KNOWN_PHONE = '13705550188';

const focusedWithin = (page: Page, testId: string) =>
  expect
    .poll(() => page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), testId))
    .toBe(true);

test('Enter in the subject does not create the ticket; Ctrl+Enter does; Tab skips the clear button', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, SH_AGENT.username, SH_AGENT.password);
  const me = await call(page, 'GET', '/api/v1/me');
  const unitId: string = me.memberships[0].unitId;
  await call(page, 'POST', '/api/v1/customers', {
    unitId,
    name: '周建国',
    phones: [{ number: KNOWN_PHONE, label: 'mobile' }],
  });
  await page.goto('/desk');
  const created: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/tickets') created.push(r.url());
  });

  // A known caller: the customer is matched from the number.
  const phone = page.getByTestId('intake-phone');
  await expect(phone).toBeFocused();
  await page.keyboard.type(KNOWN_PHONE);
  await expect(page.getByTestId('intake-customer')).toContainText('周建国');
  // Phone → customer → type, exactly as for a new number: the × of the filled customer field is
  // for the mouse only.
  await page.keyboard.press('Tab');
  await focusedWithin(page, 'intake-customer');
  await page.keyboard.press('Tab');
  await focusedWithin(page, 'intake-type');
  await expect(page.getByTestId('intake-customer').locator('.ant-select-clear')).toHaveAttribute(
    'tabindex',
    '-1',
  );
  await expect(page.getByTestId('intake-customer').locator('.ant-select-clear')).toHaveAttribute(
    'aria-label',
    '清除',
  );
  await page.keyboard.type('zx');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await page.keyboard.press('Tab'); // channel
  await focusedWithin(page, 'intake-channel');
  await page.keyboard.press('Tab'); // subject
  await expect(page.getByTestId('intake-subject')).toBeFocused();
  await page.keyboard.type('询问衣柜保修期');
  // Enter after the subject: nothing is sent, the subject stays, the cursor stays.
  await page.keyboard.press('Enter');
  await page.waitForTimeout(700);
  expect(created).toHaveLength(0);
  await expect(page.getByTestId('intake-result')).toHaveCount(0);
  await expect(page.getByTestId('intake-subject')).toHaveValue('询问衣柜保修期');
  await page.keyboard.press('Tab');
  await page.keyboard.type('客户来电询问去年购买的衣柜是否还在保修期内。');
  // Enter in the description is a new line, not a submit.
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  expect(created).toHaveLength(0);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('intake-result')).toContainText('已受理，工单号');
  expect(created).toHaveLength(1);
  await page.screenshot({ path: `${SCREENS}/desk-keyboard.png` });
});

test('Enter in a date picker does not save a calendar exception half filled', async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto('/calendar');
  await page.getByRole('tab', { name: '例外日期' }).click();
  const saves: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes('/calendar')) saves.push(r.url());
  });
  const date = page.getByPlaceholder('日期');
  await date.click();
  await date.fill('2031-05-06');
  await date.press('Enter');
  await page.waitForTimeout(700);
  expect(saves).toHaveLength(0);
  await page.getByPlaceholder('名称').fill('门店盘点');
  await page.getByRole('button', { name: /添\s*加/ }).click();
  await expect(page.getByRole('cell', { name: '门店盘点' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '2031-05-06' })).toBeVisible();
  expect(saves).toHaveLength(1);
});
