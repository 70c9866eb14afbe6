import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { SCREENS, login, pickOptionByText } from './helpers';

// Department handling and close-out (issue #4, CMP-3, CMP-5): sh.agent (张敏) routes a
// rectification to 工程部; sh.eng (冯磊) sees it in 部门待办 with its reply countdown and answers
// in the drawer; once resolved, the agent asks for close-out and gm.zhou (周建国) approves it.
const PASSWORD = 'Kefu2026demo';

/** Calls the API as the person logged in on `page` (cookies and CSRF token of that session). */
async function call(page: Page, method: 'GET' | 'POST', path: string, data?: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kefu_csrf')?.value ?? '';
  const res = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrf },
    ...(data === undefined ? {} : { data }),
  });
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

test('a department answers what it owes from its inbox; the GM approves the close-out', async ({
  browser,
}) => {
  const eng = await (await browser.newContext()).newPage();
  await login(eng, 'sh.eng', PASSWORD);
  await expect(eng.getByRole('menuitem', { name: '部门待办' })).toBeVisible();
  const engMe = await call(eng, 'GET', '/api/v1/me');
  const departmentId: string = engMe.memberships[0].unitId;

  const agent = await (await browser.newContext()).newPage();
  await login(agent, 'sh.agent', PASSWORD);
  await expect(agent).toHaveURL(/\/desk$/);
  const agentMe = await call(agent, 'GET', '/api/v1/me');
  const ticket = await call(agent, 'POST', '/api/v1/tickets', {
    unitId: agentMe.memberships[0].unitId,
    type: 'rectification',
    rectificationKind: 'engineering',
    channel: 'phone',
    subject: '卫生间地面积水，要求返工',
  });
  await call(agent, 'POST', `/api/v1/tickets/${ticket.id}/assign`, { departmentId });

  // The department sees it with the reply due time counting down in green.
  await eng.getByRole('menuitem', { name: '部门待办' }).click();
  const row = eng.getByTestId('department-inbox-table').locator('tr', { hasText: ticket.number });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('reply-due')).toHaveAttribute('data-tone', 'green');
  await eng.screenshot({ path: `${SCREENS}/department-inbox.png` });

  // The reply form in the drawer.
  await row.getByTestId('open-reply-form').click();
  const form = eng.getByTestId('department-reply-form');
  await form.getByLabel('调查情况').fill('现场查看：地漏周边找坡不足，积水约 1 厘米');
  await form.getByLabel('问题根源（哪个部门/环节）').fill('工程部·泥工班组：找坡工序未验收');
  await pickOptionByText(eng, form.getByTestId('corrective-kind'), '返工');
  await form.getByPlaceholder('具体怎么处理').fill('凿除重新找坡，做 48 小时闭水试验');
  await form.getByLabel('预防措施').fill('找坡工序纳入隐蔽工程验收清单');
  const committed = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('承诺完成日期').fill(committed);
  // Confirm the typed date by leaving the field (Enter would already submit the form).
  await form.getByLabel('预防措施').click();
  await expect(form.getByLabel('承诺完成日期')).toHaveValue(committed);
  await eng.screenshot({ path: `${SCREENS}/department-reply-form.png` });
  await form.getByTestId('department-reply-submit').click();
  await expect(eng.getByText('部门回复已提交，工单已转回接诉人')).toBeVisible();
  await expect(eng.getByTestId('department-inbox-table').getByText(ticket.number)).toHaveCount(0);

  // Back with the agent: the result target now runs to the committed date.
  const detail = await call(agent, 'GET', `/api/v1/tickets/${ticket.id}`);
  expect(detail.state).toBe('in_progress');
  expect(detail.slaTargets.find((t: { key: string }) => t.key === 'result_reply').state).toBe('on_track');
  await call(agent, 'POST', `/api/v1/tickets/${ticket.id}/replies`, { body: '工程部已确认返工，届时通知您' });
  await call(agent, 'POST', `/api/v1/tickets/${ticket.id}/transition`, { to: 'resolved' });
  await call(agent, 'POST', `/api/v1/tickets/${ticket.id}/close-out`, {
    opinion: '工程部处理及时，返工到位',
    assessment: { counts: true, note: '计入工程部当月考核' },
  });

  // The GM approves it from 投诉结案审批.
  const gm = await (await browser.newContext()).newPage();
  await login(gm, 'gm.zhou', PASSWORD);
  await gm.getByRole('menuitem', { name: '投诉结案审批' }).click();
  const request = gm.getByTestId('close-out-table').locator('tr', { hasText: ticket.number });
  await expect(request).toContainText('工程部处理及时');
  await gm.screenshot({ path: `${SCREENS}/close-out-approvals.png` });
  await request.getByTestId('approve-close-out').click();
  await gm
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(gm.getByText('已批准结案并归档')).toBeVisible();
  expect((await call(agent, 'GET', `/api/v1/tickets/${ticket.id}`)).state).toBe('closed');
});
