import { expect } from '@playwright/test';
import { SCREENS, login, pickOptionByText, call, test } from './helpers';

// Department handling and close-out (issue #4, CMP-3, CMP-5): sh.agent (张敏) routes a
// rectification to 工程部; sh.eng (冯磊) sees it in 部门待办 with its reply countdown and answers
// in the drawer; once resolved, the agent asks for close-out, and the quality lead hq.quality (严华),
// the assessment lead hq.kpi (唐晓燕) and gm.zhou (周建国) close it out in turn.
const PASSWORD = 'Kefu2026demo';

/** Calls the API as the person logged in on `page` (cookies and CSRF token of that session). */
test('a department answers what it owes from its inbox; the close-out owners close it in turn (CMP-5)', async ({
  browser,
}) => {
  // Five people sign in one after another (the department, the agent and the three close-out owners).
  test.setTimeout(240_000);
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
  // CMP-5: the agent asks for close-out on the ticket page; the chain names whose turn it is.
  await agent.goto(`/tickets/${ticket.id}`);
  const chain = agent.getByTestId('close-out-chain');
  await chain.getByTestId('close-out-request').click();
  await agent.getByTestId('close-out-request-note').fill('工程部已返工，闭水试验合格，客户确认');
  await agent.getByTestId('close-out-request-submit').click();
  await expect(chain.getByTestId('close-out-turn')).toContainText('质量负责人（严华）');
  await expect(chain.getByTestId('close-out-step-quality_opinion')).toHaveCount(0);

  // The quality lead finds it in 投诉结案 and writes the opinion on the department.
  const quality = await (await browser.newContext()).newPage();
  await login(quality, 'hq.quality', PASSWORD);
  await quality.getByRole('menuitem', { name: '投诉结案' }).click();
  const waiting = quality.getByTestId('close-out-table').locator('tr', { hasText: ticket.number });
  await waiting.getByTestId('close-out-open-ticket').click({ timeout: 30_000 });
  await quality.getByTestId('close-out-step-quality_opinion').click();
  await quality
    .getByTestId('close-out-step-text')
    .fill('责任在工程部泥工班组，找坡工序漏验，已返工到位，建议通报');
  await quality.getByTestId('close-out-step-submit').click();
  await expect(quality.getByTestId('close-out-turn')).toContainText('绩效考核负责人（唐晓燕）');

  // The assessment lead confirms; the general manager approves on the ticket page.
  const kpi = await (await browser.newContext()).newPage();
  await login(kpi, 'hq.kpi', PASSWORD);
  await expect(kpi.getByRole('menuitem', { name: '投诉结案' })).toBeVisible({ timeout: 30_000 });
  await call(kpi, 'POST', `/api/v1/tickets/${ticket.id}/close-out/assessment`, {
    text: '已按制度对工程部当月考核扣 2 分',
  });
  const gm = await (await browser.newContext()).newPage();
  await login(gm, 'gm.zhou', PASSWORD);
  await gm.goto(`/tickets/${ticket.id}`);
  // A page opened cold on this shared machine may take a while to load the ticket.
  await expect(gm.getByTestId('close-out-turn')).toContainText('总经理（周建国）', { timeout: 30_000 });
  await gm.getByTestId('close-out-chain').screenshot({ path: `${SCREENS}/close-out-chain.png` });
  await gm.getByTestId('close-out-step-approval').click();
  await gm.getByTestId('close-out-step-text').fill('同意结案');
  await gm.getByTestId('close-out-step-submit').click();
  await expect(gm.getByText('已批准结案，工单已关闭并归档')).toBeVisible();
  await expect(gm.getByTestId('close-out-stage')).toHaveText('已结案归档');
  expect((await call(agent, 'GET', `/api/v1/tickets/${ticket.id}`)).state).toBe('closed');
});
