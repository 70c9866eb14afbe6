import { expect } from '@playwright/test';
import { login, call, test } from './helpers';

// Issue 12: stored payloads in the free-text fields people type into (ticket subject, description,
// reply, note, progress, customer name, address and note, contact summary, call-back note) are
// shown as text on every page that shows them: no script runs, no dialog opens.
const PASSWORD = 'Kefu2026demo';
const MARK = 'kefuXss';
const PAYLOADS = [
  `<img src=x onerror="window.${MARK}=1">`,
  `<script>window.${MARK}=2</script>`,
  `"><svg onload="window.${MARK}=3">`,
  `javascript:window.${MARK}=4`,
  `<a href="javascript:window.${MARK}=5">点我</a>`,
];
const payload = (i: number) => `${PAYLOADS[i % PAYLOADS.length]} #${i}`;

test('stored payloads in every free-text field show as text; no script runs on any page that shows them', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext()).newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await login(page, 'sh.agent', PASSWORD);
  await expect(page).toHaveURL(/\/desk$/);
  const me = await call(page, 'GET', '/api/v1/me');
  const unitId: string = me.memberships[0].unitId;

  const customer = await call(page, 'POST', '/api/v1/customers', {
    unitId,
    name: `客户${payload(0)}`,
    note: payload(1),
    phones: [{ number: '13912340099' }],
    addresses: [{ address: `上海市${payload(2)}` }],
  });
  const ticket = await call(page, 'POST', '/api/v1/tickets', {
    unitId,
    customerId: customer.id,
    type: 'hard_complaint',
    channel: 'web_form',
    subject: `投诉${payload(3)}`,
    description: payload(4),
    address: payload(5),
  });
  await call(page, 'POST', `/api/v1/tickets/${ticket.id}/replies`, {
    kind: 'acknowledgement',
    body: payload(6),
  });
  await call(page, 'POST', `/api/v1/tickets/${ticket.id}/notes`, { body: payload(7) });
  await call(page, 'POST', `/api/v1/tickets/${ticket.id}/progress`, { kind: 'progress', body: payload(8) });
  await call(page, 'POST', '/api/v1/contacts', {
    unitId,
    channel: 'phone',
    summary: `来电${payload(9)}`,
    customerId: customer.id,
  });
  await call(page, 'POST', '/api/v1/tasks', {
    kind: 'call_back',
    unitId,
    callerPhone: '13912340099',
    note: payload(10),
    ticketId: ticket.id,
  });

  for (const path of [`/tickets/${ticket.id}`, '/tickets', '/desk', '/customers', '/contacts', '/tasks']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(
      await page.evaluate((mark) => (window as unknown as Record<string, unknown>)[mark], MARK),
      path,
    ).toBeUndefined();
  }
  // The payloads are on screen as the text that was typed.
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByTestId('ticket-subject')).toContainText(`javascript:window.${MARK}=4`);
  await expect(page.getByTestId('ticket-description')).toContainText('<a href="javascript:');
  await expect(page.getByTestId('ticket-timeline')).toContainText(`<script>window.${MARK}=2</script>`);
  await expect(page.getByTestId('ticket-timeline')).toContainText('"><svg onload=');
  expect(dialogs).toEqual([]);
});
