import { expect } from '@playwright/test';
import { SCREENS, call, pickOptionContaining, signIn, test } from './helpers';

// Issue 21: a ticket linked by hand from the journey's page (关联工单) shows the journey on the
// ticket's page; the link can be removed again; and a stage's form opens as a printable A4 sheet
// headed by the company, filled with the journey's customer and reference.
const PASSWORD = 'Kefu2026demo';

test('JRN: a ticket linked from the journey page shows its journey card; the link is removed; the customer brief prints on A4', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  await signIn(page, 'hq.supervisor', PASSWORD);
  const me = await call(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const name = `关联客户${stamp}`;
  const customer = await call(page, 'POST', '/api/v1/customers', {
    unitId,
    name,
    phones: [{ number: `137${String(Date.now()).slice(-8)}` }],
  });
  const ticket = await call(page, 'POST', '/api/v1/tickets', {
    unitId,
    channel: 'phone',
    type: 'consultation_direct',
    subject: `装修进度咨询 ${stamp}`,
    customerId: customer.id,
  });
  const journey = await call(page, 'POST', '/api/v1/journeys', {
    templateCode: 'home_decoration',
    customerId: customer.id,
  });

  // 关联工单: the picker offers the customer's tickets; the one picked is linked.
  await page.goto(`/journeys/${journey.id}`);
  const links = page.getByTestId('journey-links');
  await expect(links).toContainText('还没有关联工单或派工单', { timeout: 30_000 });
  await links.getByTestId('link-ticket').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(name);
  await pickOptionContaining(page, dialog.getByTestId('link-subject'), ticket.number);
  await dialog.getByTestId('link-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(links.getByTestId(`journey-link-${ticket.id}`)).toContainText(ticket.number);

  // The ticket's page shows the journey: template, stage, status, and the way back to it.
  await links.getByRole('link', { name: ticket.number }).click();
  const card = page.getByTestId('subject-journeys');
  await expect(card).toContainText('家装项目', { timeout: 30_000 });
  await expect(card).toContainText('当前阶段：客户需求建议书');
  await expect(card).toContainText('进行中');
  await page.screenshot({ path: `${SCREENS}/journey-on-ticket.png`, fullPage: true });
  await card.getByRole('link', { name: '家装项目' }).click();
  await expect(page).toHaveURL(new RegExp(`/journeys/${journey.id}$`));
  await expect(page.getByTestId('journey-printables')).toBeVisible({ timeout: 30_000 });

  // The customer brief, printable: company, customer, reference, blank lines to fill in and sign.
  await page.getByTestId('journey-printables').getByTestId('print-customer_brief').click();
  await expect(page.getByTestId('print-root')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('print-title')).toHaveText('客户需求建议书');
  await expect(page.getByTestId('print-customer')).toHaveText(name);
  await expect(page.getByTestId('print-company')).toHaveText(journey.unitName);
  await expect(page.getByTestId('journey-print-sheet')).toContainText(journey.id.slice(0, 8).toUpperCase());
  await expect(page.getByTestId('journey-print-sheet')).toContainText('客户签字');
  await expect(page.getByTestId('journey-print-sheet')).toContainText(ticket.number);
  await page.screenshot({ path: `${SCREENS}/journey-print-customer-brief.png`, fullPage: true });

  // Back on the journey: the link is removed, and the ticket no longer shows the journey.
  await page.goto(`/journeys/${journey.id}`);
  await links.getByRole('button', { name: '取消关联' }).click({ timeout: 30_000 });
  await page.locator('.ant-popconfirm').getByRole('button', { name: '取消关联' }).click();
  await expect(links).toContainText('还没有关联工单或派工单');
  const after = await call(page, 'GET', `/api/v1/journeys/linked?subjectType=ticket&subjectId=${ticket.id}`);
  expect(after.items).toEqual([]);
});
