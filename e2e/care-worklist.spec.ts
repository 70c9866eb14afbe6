import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { SCREENS, login, callRaw, test } from './helpers';

// Follow-up calls (issue 6, CARE-1/2/3/5): a closed ticket puts a satisfaction call on the worklist;
// sh.agent (张敏) claims it in 回访工作台 — the store manager cannot take it meanwhile — and records
// "no answer" three times; the fallback SMS then goes out by itself.
const PASSWORD = 'Kefu2026demo';

/** Calls the API as the person logged in on `page`; answers the status and body. */
async function ok(page: Page, method: 'GET' | 'POST', path: string, data?: unknown) {
  const r = await callRaw(page, method, path, data);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}

test('a closed ticket creates a follow-up call; three unanswered attempts send the SMS; a colleague cannot claim it', async ({
  browser,
}) => {
  const agent = await (await browser.newContext()).newPage();
  await login(agent, 'sh.agent', PASSWORD);
  await expect(agent).toHaveURL(/\/desk$/);
  const me = await ok(agent, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const name = `回访客户${Date.now() % 100000}`;
  const customer = await ok(agent, 'POST', '/api/v1/customers', {
    unitId,
    name,
    phones: [{ number: '13900001111' }],
  });
  const ticket = await ok(agent, 'POST', '/api/v1/tickets', {
    unitId,
    type: 'repair',
    channel: 'phone',
    subject: '燃气灶打不着火',
    customerId: customer.id,
  });
  for (const to of ['in_progress', 'resolved', 'closed'])
    await ok(agent, 'POST', `/api/v1/tickets/${ticket.id}/transition`, { to });

  // The worklist shows the satisfaction call the closed ticket created (CARE-1).
  await agent.getByRole('menuitem', { name: '回访工作台' }).click();
  await agent.getByText('全部待办').click();
  const row = agent.getByTestId('care-task-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('工单关闭后满意度回访');
  const taskId = (await ok(agent, 'GET', '/api/v1/care/tasks?due=all')).items.find(
    (i: { customer: { name: string } | null }) => i.customer?.name === name,
  ).task.id as string;
  await row.click();
  const panel = agent.getByTestId('care-task-panel');
  await expect(panel.getByTestId('care-script')).toContainText('上海徐汇店');
  await expect(panel).toContainText('1111');

  for (let attempt = 1; attempt <= 3; attempt++) {
    await panel.getByTestId('care-claim').click();
    await expect(panel.getByTestId('care-outcome-no_answer')).toBeEnabled();
    if (attempt === 1) {
      // CARE-3: claimed — the store manager cannot take the same follow-up.
      const manager = await (await browser.newContext()).newPage();
      await login(manager, 'sh.manager', PASSWORD);
      await expect(manager.getByText('刘洋').first()).toBeVisible();
      const theirs = await callRaw(manager, 'POST', `/api/v1/care/tasks/${taskId}/claim`);
      expect([theirs.status, theirs.body.code]).toEqual([409, 'care.task_claimed']);
      await agent.screenshot({ path: `${SCREENS}/care-worklist.png`, fullPage: true });
    }
    await panel.getByTestId('care-outcome-no_answer').click();
    if (attempt < 3) await expect(panel.getByTestId('care-attempts')).toHaveText(String(attempt));
  }
  // CARE-2: after the 3rd failed attempt the SMS went out by itself; the call leaves the worklist.
  await expect(agent.getByText('已拨打三次未接通，系统已自动发送短信')).toBeVisible();
  await expect(agent.getByTestId('care-task-row').filter({ hasText: name })).toHaveCount(0);
  const detail = await ok(agent, 'GET', `/api/v1/care/tasks/${taskId}`);
  expect(detail.task).toMatchObject({ state: 'sms_fallback', attempts: 3, failedAttempts: 3 });
  expect(detail.attempts).toHaveLength(3);
  // The outbox holds the fallback SMS under its one key…
  const sms = await ok(agent, 'GET', `/api/v1/messages/${detail.task.messageId}`);
  expect(sms).toMatchObject({ channel: 'sms', templateCode: 'care_sms_fallback' });
  // …and the outbox page shows it, addressed to the customer by name.
  await agent.getByRole('menuitem', { name: '发件箱' }).click();
  await expect(agent.getByTestId('outbox-table')).toContainText(`${name}您好`);
  await agent.screenshot({ path: `${SCREENS}/care-worklist-outbox.png`, fullPage: true });

  // The rules the task came from, as the agent sees them (read-only for an agent).
  await agent.getByRole('menuitem', { name: '关怀规则' }).click();
  await expect(agent.getByTestId('care-rules-event')).toContainText('工单关闭后满意度回访');
  await expect(agent.getByTestId('care-rule-enabled-survey_after_ticket')).toBeDisabled();
  await agent.screenshot({ path: `${SCREENS}/care-rules.png`, fullPage: true });
});
