import { expect } from '@playwright/test';
import { ADMIN, SCREENS, login, loginAsAdmin, pickFirstOption, pickFirstTreeNode, test } from './helpers';

test('a wrong password shows the error on the login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByText('Kefu 客服')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/login.png`, fullPage: true });

  await login(page, ADMIN.username, 'not-the-password');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('the administrator creates a user with a membership and sees it in the table', async ({ page }) => {
  await loginAsAdmin(page);

  await page.getByTestId('side-nav').getByText('组织架构').click();
  await expect(page.getByTestId('unit-tree')).toBeVisible();
  await expect(page.getByTestId('unit-tree').getByText('总部').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/org-tree.png`, fullPage: true });

  await page.getByTestId('side-nav').getByText('用户管理').click();
  await expect(page).toHaveURL(/\/org\/users/);
  await expect(page.getByTestId('users-table')).toBeVisible();

  const username = `e2e.user${Date.now().toString(36)}`;
  await page.getByTestId('create-user').click();
  await page.getByTestId('user-username').fill(username);
  await page.getByTestId('user-password').fill('Welcome#2026');
  await page.getByTestId('user-display-name').fill('测试员工');
  // The first membership row is prefilled with the current unit when there is one; the pick
  // only fills it when it is empty.
  await pickFirstTreeNode(page, 'membership-unit-0');
  await pickFirstOption(page, 'membership-role-0');
  await page.getByTestId('user-form-submit').click();
  await expect(page.getByText('创建成功')).toBeVisible();

  // Whatever the default unit filter, searching for the new username must find it.
  await page.getByTestId('user-search').locator('input').fill(username);
  await page.getByTestId('user-search').locator('input').press('Enter');
  const row = page.getByTestId('users-table').locator('tr', { hasText: username });
  await expect(row).toBeVisible();
  await expect(row).toContainText('测试员工');
  await page.getByTestId('user-search').locator('input').fill('');
  await page.getByTestId('user-search').locator('input').press('Enter');
  await page.screenshot({ path: `${SCREENS}/users.png`, fullPage: true });
});
