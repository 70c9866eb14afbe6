import { expect } from '@playwright/test';
import { ADMIN, SCREENS, call, signIn, test } from './helpers';

// PORTAL-1: a customer signs in on a phone-sized screen inside WeChat's browser with a one-time code,
// submits a repair request with a photo, sees the store's reply once it is given and answers it.
const PASSWORD = 'Kefu2026demo';
// A 1×1 PNG, as a phone's album would hand over a (much larger) one.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';

test('a customer signs in by SMS code at 375 px in WeChat, submits a request and sees the reply', async ({
  page,
  browser,
}) => {
  const phone = `137${String(Date.now()).slice(-8)}`;
  await signIn(page, 'sh.manager', PASSWORD);
  const me = await call(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  await call(page, 'POST', '/api/v1/customers', { unitId, name: '移动端客户', phones: [{ number: phone }] });

  const phoneContext = await browser.newContext({
    viewport: { width: 375, height: 740 },
    userAgent: WECHAT_UA,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const customer = await phoneContext.newPage();
  await customer.goto('/portal');
  await customer.getByTestId('portal-phone').fill(phone);
  await customer.getByTestId('portal-send-code').click();
  await expect(customer.getByText('验证码已发送')).toBeVisible();

  // The SMS is in the outbox; the administrator reads its text there (the provider would deliver it).
  const adminPage = await browser.newPage();
  await signIn(adminPage, ADMIN.username, ADMIN.password);
  const outbox = await call(adminPage, 'GET', '/api/v1/messages?channel=sms&pageSize=50');
  const sms = (outbox.items as { body: string }[]).find((m) => m.body.includes('自助服务验证码'));
  const code = /(\d{6})/.exec(sms!.body)![1]!;

  await customer.getByTestId('portal-code').fill(code);
  await customer.getByTestId('portal-sign-in').click();
  await customer.getByTestId('portal-tab-new').click();
  await customer.getByTestId('portal-description').fill('热水器不出热水，显示 E1 故障');
  await customer
    .getByTestId('portal-photo-input')
    .setInputFiles({ name: '热水器.png', mimeType: 'image/png', buffer: PHOTO });
  await expect(customer.getByText('热水器.png')).toBeVisible();
  await customer.getByTestId('portal-submit').click();
  await expect(customer.getByTestId('portal-state')).toHaveText('已受理');
  await expect(customer.getByTestId('portal-photos').locator('img')).toBeVisible();

  // The store answers through its ticket; the customer sees the reply, and nothing is wider than the phone.
  const tickets = await call(page, 'GET', `/api/v1/tickets?q=${phone.slice(-8)}`);
  const ticketId = (tickets.items as { id: string }[])[0]!.id;
  // The photo is on the ticket for the staff as well.
  const files = await call(page, 'GET', `/api/v1/attachments?subjectType=ticket&subjectId=${ticketId}`);
  expect((files.items as { fileName: string }[]).map((f) => f.fileName)).toEqual(['热水器.png']);
  await call(page, 'POST', `/api/v1/tickets/${ticketId}/replies`, {
    body: '师傅今天下午 3 点上门检修',
    kind: 'progress',
  });
  await customer.reload();
  await customer.getByTestId('portal-request').first().click();
  await expect(customer.getByTestId('portal-update')).toContainText('师傅今天下午 3 点上门检修');

  // The customer answers; the agent reads it in the ticket's timeline.
  await customer.getByTestId('portal-reply').fill('好的，下午我在家');
  await customer.getByTestId('portal-reply-send').click();
  await expect(customer.getByTestId('portal-my-reply')).toContainText('好的，下午我在家');
  const ticket = await call(page, 'GET', `/api/v1/tickets/${ticketId}`);
  const timeline = ticket.timeline as { type: string; body: { text?: string } }[];
  expect(timeline.find((e) => e.type === 'customer_reply')?.body.text).toBe('好的，下午我在家');

  const width = await customer.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await customer.screenshot({ path: `${SCREENS}/portal-375.png`, fullPage: true });
  // The 常见问题 board at the same width.
  await customer.getByText('返回').click();
  await customer.getByTestId('portal-tab-faq').click();
  await expect(customer.getByTestId('portal-faq-search')).toBeVisible();
  expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await customer.screenshot({ path: `${SCREENS}/portal-faq-375.png`, fullPage: true });
});
