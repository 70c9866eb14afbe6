import { expect } from '@playwright/test';
import { ADMIN, SCREENS, call, signIn, test } from './helpers';

// Issue 16, "one name for each thing": printed forms and customer pages were headed by a
// department, with no company or store name and "拨打门店客服电话" with no number. Units now carry a
// display name, address and service phone (inherited from the company), used on prints and customer pages.
const PASSWORD = 'Kefu2026demo';

test('ORG-1 / REP-9 / PORTAL-2: the work-order print and the survey page show the store and its service phone, taken from the company', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN.username, ADMIN.password);
  const units: { id: string; kind: string; parentId: string | null }[] = (
    await call(admin, 'GET', '/api/v1/units')
  ).items;
  const hq = units.find((u) => u.parentId === null)!;
  await call(admin, 'PATCH', `/api/v1/units/${hq.id}`, {
    servicePhone: '400-820-8820',
    address: '上海市徐汇区漕溪北路 88 号',
  });

  // The installation supervisor's order belongs to the installation department; its form shows the store.
  const boss = await (await browser.newContext()).newPage();
  await signIn(boss, 'sh.install', PASSWORD);
  const unitId: string = (await call(boss, 'GET', '/api/v1/me')).memberships[0].unitId;
  const order = await call(boss, 'POST', '/api/v1/workorders', {
    unitId,
    // REP-1: an order is dispatched only with the model and the purchase date.
    productModel: 'KFR-35GW/BP3',
    purchaseDate: '2025-06-18',
    type: 'repair',
    problem: '热水器点火后熄火',
    contactName: '赵先生',
    contactPhone: '13812345566',
    address: '上海市徐汇区宜山路 100 号',
  });
  await boss.goto(`/workorders/${order.id}/print?form=work_order&size=a4`);
  await expect(boss.locator('[data-testid=print-root][data-ready=true]')).toBeVisible({ timeout: 30_000 });
  await expect(boss.getByTestId('print-company')).toHaveText('上海徐汇店');
  await expect(boss.getByTestId('print-company-phone')).toContainText('400-820-8820');
  await expect(boss.getByTestId('print-company-address')).toContainText('漕溪北路 88 号');
  await expect(boss.getByTestId('print-service-promise')).toContainText('400-820-8820');
  await boss.screenshot({ path: `${SCREENS}/print-with-unit-contact.png`, fullPage: true });

  // The customer's survey page names the store and gives the number to call.
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, 'sh.agent', PASSWORD);
  const storeId: string = (await call(agent, 'GET', '/api/v1/me')).memberships[0].unitId;
  const ticket = await call(agent, 'POST', '/api/v1/tickets', {
    unitId: storeId,
    type: 'repair',
    channel: 'phone',
    subject: '燃气灶打不着火',
  });
  const invitation = await call(agent, 'POST', '/api/v1/surveys/invitations', {
    subjectType: 'ticket',
    subjectId: ticket.id,
    delivery: 'portal',
  });
  const customer = await (
    await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true })
  ).newPage();
  await customer.goto(invitation.url);
  await expect(customer.getByTestId('survey-store')).toHaveText('上海徐汇店');
  await expect(customer.getByTestId('survey-service-phone')).toContainText('400-820-8820');
  await expect(customer.getByTestId('survey-service-phone').locator('a')).toHaveAttribute(
    'href',
    'tel:4008208820',
  );
  await customer.screenshot({ path: `${SCREENS}/survey-service-phone.png` });
});
