import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'Admin#2026e2e' };
export const SCREENS = 'test-results/screens';

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

export async function loginAsAdmin(page: Page): Promise<void> {
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('welcome-card')).toBeVisible();
}

/** Opens an antd Select (by its wrapper's test id) and picks the first enabled option. */
export async function pickFirstOption(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)')
    .first()
    .click();
}

/** Opens an antd TreeSelect and picks the first enabled node. */
export async function pickFirstTreeNode(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator(
      '.ant-select-dropdown:visible .ant-select-tree-treenode:not(.ant-select-tree-treenode-disabled) .ant-select-tree-node-content-wrapper',
    )
    .first()
    .click();
}
