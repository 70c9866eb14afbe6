import { expect as baseExpect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { SCREENS, call, signIn, test } from './helpers';

// Issue 17 rest: the orders list (search, store, the order's page with its lines and requests) and
// the notifications page at 375 px (a cancellation waits for the general manager, who is told).
const PASSWORD = 'Kefu2026demo';
const expect = baseExpect.configure({ timeout: 30_000 });

async function open(browser: Browser, user: string, phone = false): Promise<Page> {
  const context = await browser.newContext(
    phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {},
  );
  const page = await context.newPage();
  await signIn(page, user, PASSWORD);
  return page;
}

test('orders list → order page with its request; the general manager’s notification read on a phone', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const clerk = await open(browser, 'sh.manager');
  const me = await call(clerk, 'GET', '/api/v1/me');
  const orderNo = `SO-LIST-${Date.now().toString(36).toUpperCase()}`;
  const order = await call(clerk, 'POST', '/api/v1/orders', {
    unitId: me.memberships[0].unitId,
    orderNo,
    customerName: '钱多多',
    customerPhone: '13700137000',
    orderedAt: new Date(Date.now() - 3_600_000).toISOString(),
    paidAt: new Date(Date.now() - 3_600_000).toISOString(),
    lines: [{ product: '实木餐桌', priceFen: 520_000, paidFen: 520_000 }],
  });
  const request = await call(clerk, 'POST', '/api/v1/returns', {
    orderLineId: order.lines[0].id,
    kind: 'cancel',
    reason: 'change_of_mind',
    reasonDetail: '家里已经买了',
  });
  await call(clerk, 'POST', `/api/v1/returns/${request.id}/documents`, {
    documents: request.requiredDocuments,
  });
  await call(clerk, 'POST', `/api/v1/returns/${request.id}/signature`, { onPaper: true });
  await call(clerk, 'POST', `/api/v1/returns/${request.id}/submit`);

  await clerk.goto('/orders');
  await clerk.getByTestId('orders-search').locator('input').fill(orderNo);
  await clerk.getByTestId('orders-search').locator('input').press('Enter');
  const link = clerk.getByTestId('order-link').filter({ hasText: orderNo });
  await expect(link).toHaveCount(1);
  await clerk.screenshot({ path: `${SCREENS}/orders-list.png`, fullPage: true });
  await link.click();
  await expect(clerk.getByTestId('order-title')).toContainText(orderNo);
  await expect(clerk.getByTestId('order-lines')).toContainText('实木餐桌');
  await expect(clerk.getByTestId('order-requests')).toContainText('取消订单');
  await clerk.screenshot({ path: `${SCREENS}/order-detail.png`, fullPage: true });

  const gm = await open(browser, 'gm.zhou', true);
  await gm.goto('/notifications');
  const notice = gm.getByTestId('notification').filter({ hasText: orderNo });
  await expect(notice).toHaveCount(1);
  await expect(notice).toHaveAttribute('data-read', 'false');
  await gm.screenshot({ path: `${SCREENS}/notifications-375.png`, fullPage: true });
  await gm.getByTestId('mark-all-read').click();
  await expect(gm.getByTestId('notification').filter({ hasText: orderNo })).toHaveAttribute(
    'data-read',
    'true',
  );
  await expect(gm.getByTestId('mark-all-read')).toBeDisabled();
});
