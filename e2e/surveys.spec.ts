import { expect } from '@playwright/test';
import { SCREENS, login, call, test } from './helpers';

// Satisfaction surveys (issue 6, SAT-3, PORTAL-2): sh.agent (张敏) sends a survey link about a
// ticket; the customer answers it on a phone without logging in; the dissatisfied answer opens a
// follow-up ticket the agent sees; the results page draws the charts.
const PASSWORD = 'Kefu2026demo';

/** Calls the API as the person logged in on `page` (cookies and CSRF token of that session). */
test('a customer answers the survey on a phone; dissatisfied opens a follow-up; results show the charts', async ({
  browser,
}) => {
  test.setTimeout(180_000); // two contexts, a phone and the results charts on a shared, loaded machine
  const agent = await (await browser.newContext()).newPage();
  await login(agent, 'sh.agent', PASSWORD);
  await expect(agent).toHaveURL(/\/desk$/);
  const me = await call(agent, 'GET', '/api/v1/me');
  const ticket = await call(agent, 'POST', '/api/v1/tickets', {
    unitId: me.memberships[0].unitId,
    type: 'repair',
    channel: 'phone',
    subject: '油烟机噪音大，上门维修',
  });
  const invitation = await call(agent, 'POST', '/api/v1/surveys/invitations', {
    subjectType: 'ticket',
    subjectId: ticket.id,
    delivery: 'portal',
  });
  expect(invitation.url).toMatch(/^\/c\/s\/[A-Za-z0-9_-]{43}$/);

  // The customer: a phone, no session, nothing of the staff app.
  const phone = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  const customer = await phone.newPage();
  const staffCalls: string[] = [];
  customer.on('request', (r) => {
    if (r.url().includes('/api/v1/') && !r.url().includes('/api/v1/public/')) staffCalls.push(r.url());
  });
  await customer.goto(invitation.url);
  await expect(customer.getByTestId('survey-store')).toHaveText('上海徐汇店');
  // Which service is rated: its type in plain words, its number and date (issue 16).
  const service = customer.getByTestId('survey-service');
  await expect(service).toContainText('本次评价的服务：报修');
  await expect(service.getByTestId('survey-service-number')).toHaveText(ticket.number);
  await expect(service).toContainText(/受理日期：\d{4}年\d{1,2}月\d{1,2}日/);
  await expect(service).not.toContainText('油烟机');
  await service.screenshot({ path: `${SCREENS}/survey-phone-service.png` });
  await expect(customer.getByRole('heading', { name: '服务满意度回访' })).toBeVisible();
  await expect(customer.locator('.ant-layout-sider')).toHaveCount(0);
  // Submitting without the required score asks for it.
  await customer.getByTestId('survey-submit').tap();
  await expect(customer.getByText('请先回答带 * 号的题目')).toBeVisible();
  const one = customer.getByTestId('q-csat-1');
  const box = await one.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44); // a thumb-sized target
  await one.tap();
  await customer.getByTestId('q-comment').fill('师傅迟到两个小时，也没提前打电话');
  await customer.screenshot({ path: `${SCREENS}/survey-phone.png`, fullPage: true });
  await customer.getByTestId('survey-submit').tap();
  await expect(customer.getByTestId('survey-state')).toHaveText('感谢您的评价！');
  await customer.screenshot({ path: `${SCREENS}/survey-phone-thanks.png` });
  expect(staffCalls).toEqual([]);

  // The same link again: answered once, said plainly; a wrong link is "invalid".
  await customer.reload();
  await expect(customer.getByTestId('survey-state')).toHaveText('您已经提交过这份问卷');
  await customer.goto(`/c/s/${'A'.repeat(43)}`);
  await expect(customer.getByTestId('survey-state')).toHaveText('链接无效');

  // The agent sees the result and the follow-up ticket the dissatisfied answer opened.
  await agent.getByRole('menuitem', { name: '满意度结果' }).click();
  await expect(agent.getByTestId('chart-csat-trend').locator('canvas')).toBeVisible();
  await expect(agent.getByTestId('chart-nps').locator('canvas')).toBeVisible();
  const comment = agent.locator('tr', { hasText: '师傅迟到两个小时' });
  await expect(comment).toBeVisible();
  await agent.screenshot({ path: `${SCREENS}/survey-results.png`, fullPage: true });
  await comment.getByTestId('comment-follow-up').click();
  await expect(agent).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(agent.getByText('回访不满意跟进：服务满意度回访').first()).toBeVisible();
  await agent.screenshot({ path: `${SCREENS}/survey-follow-up-ticket.png` });
});

test('the store manager adds a question to the survey in the builder and sees it in the preview', async ({
  page,
}) => {
  await login(page, 'sh.manager', PASSWORD);
  await page.getByRole('menuitem', { name: '问卷模板' }).click();
  await expect(page.getByTestId('builder-question').first()).toBeVisible();
  await page.getByTestId('builder-add').click();
  const added = page.getByTestId('builder-question').last();
  await added.getByPlaceholder('题目内容').fill('师傅上门前有没有提前联系您？');
  await expect(page.getByText('师傅上门前有没有提前联系您？')).toBeVisible();
  await page.getByTestId('builder-save').click();
  await expect(page.getByText('问卷模板已保存，之后发出的问卷会用新版本')).toBeVisible();
  await expect(page.getByTestId('builder-template')).toContainText('本单位版本 v1');
  await page.screenshot({ path: `${SCREENS}/survey-builder.png`, fullPage: true });
  await page.getByRole('menuitem', { name: '满意度周报' }).click();
  await expect(page.getByRole('heading', { name: '满意度周报' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/survey-weekly.png` });
});
