import { expect as baseExpect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { SCREENS, call, signIn as signInAs, test } from './helpers';

// KB-1 / CL-2 / KB-3 (issue 19): an agent types a consultation at the desk; the approved, current
// answer appears beside the form, is inserted with one click and the ticket is closed as answered
// directly; an answer past its validity does not appear.
const PASSWORD = 'Kefu2026demo';
const expect = baseExpect.configure({ timeout: 30_000 });
const DAY = 86_400_000;

async function open(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user, PASSWORD);
  return page;
}

/** Written by the east region's supervisor, approved by headquarters' supervisor. */
async function publishAnswer(writer: Page, approver: Page, body: Record<string, unknown>) {
  const me = await call(writer, 'GET', '/api/v1/me');
  const article = await call(writer, 'POST', '/api/v1/knowledge/articles', {
    unitId: me.memberships[0].unitId,
    sourceKind: 'sales_qa',
    ...body,
  });
  const inbox = await call(approver, 'GET', '/api/v1/approvals/inbox?pageSize=200');
  const request = inbox.waiting.find((w: { subjectId: string }) => w.subjectId === article.latest.id);
  await call(approver, 'POST', `/api/v1/approvals/${request.id}/approve`);
  return article;
}

test('KB-1 / CL-2: an approved answer is offered while the agent types, inserted with one click and the consultation closed directly; an expired one is not offered', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const writer = await open(browser, 'east.supervisor');
  const approver = await open(browser, 'hq.supervisor');
  const now = Date.now();
  const current = await publishAnswer(writer, approver, {
    question: '电热水器保修几年？',
    answer: '电热水器整机保修三年，内胆保修八年，凭购物凭证计算。',
    validFrom: new Date(now - DAY).toISOString(),
    validUntil: new Date(now + 180 * DAY).toISOString(),
  });
  await publishAnswer(writer, approver, {
    question: '电热水器春节促销保修延长吗？',
    answer: '春节期间购买电热水器，保修延长至五年（活动已结束）。',
    sourceKind: 'promotion',
    validFrom: new Date(now - 60 * DAY).toISOString(),
    validUntil: new Date(now - DAY).toISOString(),
  });

  const agent = await open(browser, 'sh.agent');
  await agent.goto('/desk');
  await agent.getByTestId('intake-subject').fill('电热水器保修');
  await agent.getByTestId('intake-description').fill('客户来电询问前年买的电热水器还保不保修，内胆漏水');
  const suggested = agent.getByTestId('kb-suggested-answer');
  await expect(suggested.first()).toContainText('内胆保修八年');
  await expect(agent.getByTestId('kb-suggestions')).not.toContainText('春节期间购买电热水器');
  await agent.screenshot({ path: `${SCREENS}/knowledge-suggestions.png`, fullPage: true });

  await suggested.filter({ hasText: '内胆保修八年' }).getByTestId('kb-insert').click();
  await expect(agent.getByTestId('intake-answer')).toHaveValue(/内胆保修八年/);
  await agent.getByTestId('intake-submit-close').click();
  await expect(agent.getByTestId('intake-result')).toContainText('已受理');
  // CL-2: closed as answered directly, with the approved answer recorded on the ticket.
  const uses = await call(agent, 'GET', '/api/v1/tickets?state=closed&pageSize=5');
  expect(uses.items.some((x: { subject: string }) => x.subject === '电热水器保修')).toBe(true);
  const article = await call(agent, 'GET', `/api/v1/knowledge/articles/${current.id}`);
  expect(article.usageCount).toBe(1);

  // The supervisor's pages: the list and the answer with its versions.
  await writer.goto('/knowledge');
  await expect(writer.getByTestId('kb-articles-page')).toContainText('电热水器保修几年？');
  await writer.screenshot({ path: `${SCREENS}/knowledge-list.png`, fullPage: true });
  await writer.goto(`/knowledge/articles/${current.id}`);
  await expect(writer.getByTestId('kb-answer-text')).toContainText('内胆保修八年');
  await writer.screenshot({ path: `${SCREENS}/knowledge-article.png`, fullPage: true });
  await writer.goto('/knowledge/cases');
  await expect(writer.getByTestId('kb-cases-page')).toContainText('施工质量');
  await writer.screenshot({ path: `${SCREENS}/knowledge-cases.png`, fullPage: true });
});
