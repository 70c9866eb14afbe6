import { expect } from '@playwright/test';
import { SCREENS, loginAsAdmin, pickFirstTreeNode, test } from './helpers';

test('IN-1: the administrator connects an Aliyun SMS account; the secret is kept but never shown again', async ({
  page,
}) => {
  await loginAsAdmin(page);
  await page.goto('/channels');
  await expect(page.getByTestId('channels-table')).toBeVisible();
  await page.getByRole('button', { name: /接入新渠道/ }).click();
  await page.getByTestId('channel-name').fill('阿里云短信（总部）');
  await pickFirstTreeNode(page, 'channel-unit');
  await page.getByTestId('channel-s-accessKeyId').fill('LTAI5tE2eKeyId');
  await page.getByTestId('channel-s-signName').fill('安家家居');
  await page.getByTestId('channel-x-accessKeySecret').fill('e2e-secret-never-shown');
  await page.getByRole('button', { name: /OK|确\s*定/ }).click();
  await expect(page.getByText('渠道已保存')).toBeVisible();
  const row = page.getByTestId('channels-table').getByRole('row', { name: /阿里云短信（总部）/ });
  await expect(row).toBeVisible();
  await expect(row.getByText(/aliyun-sms-report/)).toBeVisible();
  await expect(page.getByText('e2e-secret-never-shown')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/channels.png`, fullPage: true });

  // Editing shows the secret as set, with an empty field that keeps it.
  await row.getByRole('button', { name: /修改/ }).click();
  await expect(page.getByText('已设置')).toBeVisible();
  await expect(page.getByTestId('channel-x-accessKeySecret')).toHaveValue('');
});
