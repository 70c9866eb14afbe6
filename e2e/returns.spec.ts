import { expect as baseExpect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { SCREENS, call, signIn as signInAs, test } from './helpers';

// RET-5 / RET-8 (issue 17): a return taken at the counter — the reason first, the decision with its
// sentence, the documents checked off, the customer's signature on screen — goes through goods
// inspection, the head of retail operations (who sends it back once, on a phone) and finance, and
// ends with the customer told to collect the refund.
const PASSWORD = 'Kefu2026demo';
// The machine running the browser tests is shared and slow: pages get 30 s to show what they should.
const expect = baseExpect.configure({ timeout: 30_000 });

async function open(browser: Browser, user: string, phone = false): Promise<Page> {
  const context = await browser.newContext(
    phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {},
  );
  const page = await context.newPage();
  await signInAs(page, user, PASSWORD);
  return page;
}

async function sign(page: Page) {
  const canvas = page.getByTestId('signature-pad-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++)
    await page.mouse.move(box.x + 30 + i * 7, box.y + box.height / 2 + Math.sin(i / 4) * 35);
  await page.mouse.up();
}

/** Approves the request titled `orderNo` from the inbox. */
async function approveFromInbox(page: Page, orderNo: string) {
  await page.goto('/approvals');
  const card = page.getByTestId('approval-card').filter({ hasText: orderNo });
  await card.getByRole('button', { name: /批\s*准/ }).click();
  await expect(page.getByTestId('approval-card').filter({ hasText: orderNo })).toHaveCount(0);
}

test('RET-5 / RET-8: a return at the counter goes through inspection, signature and approval to the refund notice; sent back and re-approved on a phone', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const clerk = await open(browser, 'sh.manager');
  const me = await call(clerk, 'GET', '/api/v1/me');
  const orderNo = `SO-E2E-${Date.now().toString(36).toUpperCase()}`;
  const day = 86_400_000;
  await call(clerk, 'POST', '/api/v1/orders', {
    unitId: me.memberships[0].unitId,
    orderNo,
    customerName: '王建国',
    customerPhone: '13800138000',
    orderedAt: new Date(Date.now() - 4 * day).toISOString(),
    paidAt: new Date(Date.now() - 4 * day).toISOString(),
    deliveredAt: new Date(Date.now() - 2 * day).toISOString(),
    lines: [{ product: '三人布艺沙发', priceFen: 860_000, paidFen: 860_000 }],
  });

  // The counter: order → reason → facts → the decision with its sentence.
  await clerk.goto('/returns/new');
  await clerk.getByTestId('order-search').locator('input').fill(orderNo);
  // The list shows recent orders until the search has narrowed it: pick the line of this order.
  await clerk
    .locator('.ant-list-item')
    .filter({ hasText: orderNo })
    .getByTestId('pick-line')
    .filter({ hasText: '三人布艺沙发' })
    .click();
  await clerk.getByTestId('reason-detail').fill('沙发尺寸放不进客厅，客户要求退货');
  await clerk.getByRole('button', { name: '下一步' }).click();
  await clerk.getByTestId('see-decision').click();
  await expect(clerk.getByTestId('decision-sentence')).toContainText('RET-5');
  await expect(clerk.getByTestId('decision-sentence')).toContainText('退款 ¥8600.00');
  await clerk.screenshot({ path: `${SCREENS}/returns-decision.png`, fullPage: true });
  await clerk.getByTestId('create-request').click();
  await expect(clerk.getByTestId('return-state')).toHaveText('填写中');

  // The checklist holds submission back until the documents are checked off and the customer signs.
  await clerk.getByTestId('submit').click();
  await expect(clerk.getByTestId('detail-error')).toContainText('单据不齐');
  for (const doc of ['销售订单', '收据或发票', '送货单'])
    await clerk.getByTestId('documents').getByText(doc).click();
  await clerk.getByTestId('save-documents').click();
  await sign(clerk);
  await clerk.getByTestId('save-signature').click();
  await expect(clerk.getByTestId('signed')).toBeVisible();
  await clerk.getByTestId('submit').click();
  await expect(clerk.getByTestId('return-state')).toHaveText('审批中');

  // Goods inspected (the technician), then the head of retail operations on a phone sends it back.
  const tech = await open(browser, 'sh.tech');
  await approveFromInbox(tech, orderNo);
  const head = await open(browser, 'hq.retail', true);
  await head.goto('/approvals');
  const card = head.getByTestId('approval-card').filter({ hasText: orderNo });
  await expect(card).toBeVisible();
  const width = await head.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await card.getByRole('button', { name: /退\s*回/ }).click();
  await head.getByTestId('send-back-reason').fill('送货单上缺客户签收，请补齐后再提交');
  await head
    .getByRole('dialog')
    .getByRole('button', { name: /退\s*回/ })
    .click();
  await expect(head.getByTestId('approval-card').filter({ hasText: orderNo })).toHaveCount(0);

  // The counter sees why, and resubmits.
  await clerk.reload();
  await expect(clerk.getByTestId('return-state')).toHaveText('已退回');
  await expect(clerk.getByTestId('approval')).toContainText('送货单上缺客户签收');
  await clerk.getByTestId('submit').click();
  await expect(clerk.getByTestId('return-state')).toHaveText('审批中');

  // Round two: inspection again, the head approves on the phone, finance files it.
  await approveFromInbox(tech, orderNo);
  await head.goto('/approvals');
  await expect(head.getByTestId('approval-card').filter({ hasText: orderNo })).toContainText('第 2 轮');
  await head.screenshot({ path: `${SCREENS}/returns-approval-phone.png`, fullPage: true });
  await approveFromInbox(head, orderNo);
  const finance = await open(browser, 'sh.finance');
  await approveFromInbox(finance, orderNo);

  // The refund notice, and the A4 form with every signature.
  await clerk.reload();
  await expect(clerk.getByTestId('return-state')).toHaveText('已批准，待通知退款');
  await clerk.getByTestId('refund-notice').click();
  await expect(clerk.getByTestId('return-state')).toHaveText('已通知客户领取退款');
  await expect(clerk.getByTestId('refund-sms')).toContainText('退款领取短信已加入发送队列');
  const id = new URL(clerk.url()).pathname.split('/').pop();
  await clerk.goto(`/returns/${id}/print`);
  await expect(clerk.getByTestId('return-form')).toContainText('退换货申请单');
  await expect(clerk.getByTestId('form-sentence')).toContainText('RET-5');
  await expect(clerk.getByTestId('return-form')).toContainText('贺明');
  await clerk.screenshot({ path: `${SCREENS}/returns-form.png`, fullPage: true });
});
