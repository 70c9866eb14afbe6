import { expect } from '@playwright/test';
import { loginAsAdmin, SCREENS, test } from './helpers';

// The working calendar and the deadline calculator as a customer-service manager uses them (SLA-1, SLA-2).
test('the wall calendar shows the year and the calculator gives every deadline of a rectification', async ({
  page,
}) => {
  await loginAsAdmin(page);
  await page.goto('/calendar');
  await expect(page.getByText('工作日历').first()).toBeVisible();
  await expect(page.getByText('调休上班').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/calendar.png`, fullPage: true });

  await page.goto('/sla/calculator');
  await expect(page.getByText('时限计算器').first()).toBeVisible();
  const intake = page.getByLabel('受理时间');
  await intake.click();
  await intake.fill('2025-09-30 10:00');
  await intake.press('Enter');
  await page
    .getByRole('button', { name: '计 算' })
    .or(page.getByRole('button', { name: '计算' }))
    .click();
  // Rectification taken in on 30 Sep 2025: National Day and Mid-Autumn run 1–8 Oct, so the
  // department's reply (2 working days) is due at close of business on Friday 10 Oct 2025.
  await expect(page.getByText('2025-10-10 18:00')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sla-calculator.png`, fullPage: true });
});

test('an administrator edits a unit SLA policy in 时限策略', async ({ page }) => {
  await loginAsAdmin(page);
  await page.goto('/sla/policies');
  await page
    .getByRole('button', { name: /编\s*辑/ })
    .first()
    .click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('编辑时限策略')).toBeVisible();
  // Direct consultations: answered within 2 working days here instead of the shipped 1 (SLA-3 default).
  await drawer.getByRole('spinbutton').first().fill('2');
  await page.screenshot({ path: `${SCREENS}/sla-policy-editor.png` });
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('保存成功')).toBeVisible();
  await expect(page.getByText('本单位设置').first()).toBeVisible();
  await expect(page.getByText('2 个工作日').first()).toBeVisible();
});
