import { test as base, expect } from '@playwright/test';
import type { BrowserContext, Locator, Page } from '@playwright/test';

/**
 * Playwright's `test`, closing every browser context a test opened for itself when it ends. The
 * specs run one after another in one browser; a context left open keeps its pages polling the
 * server and its event streams connected for the rest of the run, which slowed every later spec.
 */
export const test = base.extend<{ closeOwnContexts: void }>({
  closeOwnContexts: [
    async ({ browser }, use) => {
      const before = new Set<BrowserContext>(browser.contexts());
      await use();
      for (const context of browser.contexts()) if (!before.has(context)) await context.close();
    },
    { auto: true },
  ],
});

export const ADMIN = { username: 'admin', password: 'Admin#2026e2e' };
export const SCREENS = 'test-results/screens';

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Logs in and waits until the session is there, so the next request or navigation is signed in. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await login(page, username, password);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function loginAsAdmin(page: Page): Promise<void> {
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('welcome-card')).toBeVisible();
}

/**
 * Opens an antd Select or TreeSelect, clicks `choice` in its dropdown and checks that the select
 * then shows `shown`. The dropdown can still be opening or re-positioning while the options load;
 * a click that lands during that falls through to the form underneath, so the whole pick is retried
 * until the select shows it. Nothing is clicked when it already does.
 */
async function pickUntilShown(page: Page, select: Locator, choice: string, shown: Locator): Promise<void> {
  await expect(async () => {
    if ((await shown.count()) > 0) return;
    await select.click();
    await page.locator(`.ant-select-dropdown:visible ${choice}`).first().click({ timeout: 3_000 });
    await expect(shown).not.toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

// antd 6 marks a single select that shows a value with this class.
const SHOWS_A_VALUE = '.ant-select-content-has-value';

/** Picks the first enabled option of an antd Select that has no value yet. */
export async function pickFirstOption(page: Page, testId: string): Promise<void> {
  const select = page.getByTestId(testId);
  await pickUntilShown(
    page,
    select,
    '.ant-select-item-option:not(.ant-select-item-option-disabled)',
    select.locator(SHOWS_A_VALUE),
  );
}

/** Picks the first enabled node of an antd TreeSelect that has no value yet. */
export async function pickFirstTreeNode(page: Page, testId: string): Promise<void> {
  const select = page.getByTestId(testId);
  await pickUntilShown(
    page,
    select,
    '.ant-select-tree-treenode:not(.ant-select-tree-treenode-disabled) .ant-select-tree-node-content-wrapper',
    select.locator(SHOWS_A_VALUE),
  );
}

/** Picks the option with this exact text in an antd Select. */
export async function pickOptionByText(page: Page, select: Locator, text: string): Promise<void> {
  await pickUntilShown(
    page,
    select,
    `.ant-select-item-option[title="${text}"]`,
    select.locator(SHOWS_A_VALUE, { hasText: text }),
  );
}

/** Picks the option whose text contains `text` (a part shown with its code) in an antd Select. */
export async function pickOptionContaining(page: Page, select: Locator, text: string): Promise<void> {
  await pickUntilShown(
    page,
    select,
    `.ant-select-item-option:has-text("${text}")`,
    select.locator(SHOWS_A_VALUE, { hasText: text }),
  );
}

/**
 * One API request as the page's signed-in person (their session cookie and CSRF token), for the
 * set-up steps a spec does not walk through the screens. Fails the test on any non-2xx answer.
 */
export async function call(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
) {
  const res = await callRaw(page, method, path, data);
  expect(res.status < 300, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(true);
  return res.body;
}

/** The same request, answering its status and body whatever they are. */
export async function callRaw(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kefu_csrf')?.value ?? '';
  const res = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrf },
    ...(data === undefined ? {} : { data }),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read answers loosely
  return { status: res.status(), body: body as any };
}
