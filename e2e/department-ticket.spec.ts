import { expect } from '@playwright/test';
import { SCREENS, call, signIn, test } from './helpers';

// Issue 16 item 4: a department member (sh.eng, 工程部) opening a ticket of the store's customer
// got a red "找不到该客户" and an empty customer card. The archive stays the store's (ORG-1), so
// the card shows the ticket's own summary of the customer, without an error.
const PASSWORD = 'Kefu2026demo';

test('a department member opens a routed ticket and sees who the customer is, with no error', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, 'sh.agent', PASSWORD);
  const agentMe = await call(agent, 'GET', '/api/v1/me');
  const storeId: string = agentMe.memberships[0].unitId;
  const customer = await call(agent, 'POST', '/api/v1/customers', {
    unitId: storeId,
    name: '顾美华',
    phones: [{ number: '13600001111' }],
  });
  const eng = await (await browser.newContext()).newPage();
  await signIn(eng, 'sh.eng', PASSWORD);
  const engMe = await call(eng, 'GET', '/api/v1/me');
  const ticket = await call(agent, 'POST', '/api/v1/tickets', {
    unitId: storeId,
    type: 'rectification',
    rectificationKind: 'engineering',
    channel: 'phone',
    subject: '阳台推拉门关不严，要求调整',
    customerId: customer.id,
    contactPhone: '13600001111',
  });
  await call(agent, 'POST', `/api/v1/tickets/${ticket.id}/assign`, {
    departmentId: engMe.memberships[0].unitId,
  });

  await eng.goto(`/tickets/${ticket.id}`);
  await expect(eng.getByTestId('ticket-number')).toHaveText(ticket.number, { timeout: 30_000 });
  const summary = eng.getByTestId('ticket-customer-summary');
  await expect(summary).toContainText('顾美华');
  await expect(summary).toContainText('136****1111');
  await eng.waitForTimeout(500);
  await expect(eng.locator('.ant-message-error')).toHaveCount(0);
  await eng.screenshot({ path: `${SCREENS}/department-ticket.png`, fullPage: true });
});
