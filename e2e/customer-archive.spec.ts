import { expect as baseExpect } from '@playwright/test';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ADMIN, SCREENS, call, signIn, test } from './helpers';

// Issue 20's archive screens: the records sales hands over, checked on arrival (CUS-5), and the
// customer's own personal-information requests in the customer drawer (PIPL): the export with a
// reason, the erasure request, its approval by the general manager, and the erased record.
const DEMO_PASSWORD = 'Kefu2026demo';
// The machine running the browser tests is shared and slow: pages get 30 s to show what they should.
const expect = baseExpect.configure({ timeout: 30_000 });

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function newCustomer(page: Page, name: string, phone: string) {
  const units = (await call(page, 'GET', '/api/v1/units')).items as { id: string; kind: string }[];
  const created = await call(page, 'POST', '/api/v1/customers', {
    unitId: units.find((u) => u.kind === 'store')!.id,
    name,
    phones: [{ number: phone }],
    addresses: [{ address: '上海市浦东新区锦绣路 88 弄 5 号 1202 室' }],
  });
  return created.id as string;
}

/** A mobile number no other run of this spec used. */
const mobile = (tail: number) => `139${String((Date.now() + tail) % 100_000_000).padStart(8, '0')}`;

test('CUS-5: a record handed over by sales is registered, checked with ticks, and a late one with a problem note', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  const stamp = Date.now() % 1_000_000;
  const onTime = `交接准时${stamp}`;
  const late = `交接迟交${stamp}`;
  await newCustomer(page, onTime, mobile(1));
  const lateId = await newCustomer(page, late, mobile(2));
  // The late one came in through the API: handed over a week ago, so its record was due weeks ago.
  await call(page, 'POST', `/api/v1/customers/${lateId}/handover`, { handoverOn: isoDay(-7) });

  await page.goto('/customers/handover-checks');
  await page.getByTestId('handover-receive').click();
  const dialog = page.getByRole('dialog');
  const select = dialog.getByTestId('handover-customer');
  await select.click();
  await page.keyboard.type(onTime);
  await expect(
    page.locator(`.ant-select-dropdown:visible .ant-select-item-option:has-text("${onTime}")`),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(select).toContainText(onTime);
  await dialog.getByLabel('交房日期').fill(isoDay(60));
  await dialog.getByLabel('交房日期').press('Enter');
  await dialog
    .getByRole('button', { name: '登 记' })
    .or(dialog.getByRole('button', { name: '登记' }))
    .click();
  await expect(dialog).toHaveCount(0);

  const table = page.getByTestId('handover-checks-table');
  const onTimeRow = table.locator('.ant-table-row', { hasText: onTime });
  const lateRow = table.locator('.ant-table-row', { hasText: late });
  await expect(onTimeRow).toBeVisible();
  await expect(lateRow.getByTestId('handover-late')).toHaveText('迟交');
  await expect(onTimeRow.getByTestId('handover-late')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/customer-handover-unchecked.png`, fullPage: true });

  // On time: room, phone and address all match.
  await onTimeRow.getByTestId('handover-check').click();
  const check = page.getByRole('dialog');
  for (const item of ['房号', '电话', '地址'])
    await check.locator('.ant-checkbox-wrapper', { hasText: item }).click();
  await check.getByRole('button', { name: '提交核对' }).click();
  await expect(onTimeRow).toHaveCount(0);

  // Late: only the room matches; without a note the form refuses, with one it is saved.
  await lateRow.getByTestId('handover-check').click();
  await check.locator('.ant-checkbox-wrapper', { hasText: '房号' }).click();
  await check.getByRole('button', { name: '提交核对' }).click();
  await expect(check.getByText('有未勾选的项目时，请写明问题')).toBeVisible();
  await check.getByTestId('handover-problem').fill('电话与购房合同不一致，地址少了楼栋号');
  await page.screenshot({ path: `${SCREENS}/customer-handover-check-form.png`, fullPage: true });
  await check.getByRole('button', { name: '提交核对' }).click();
  await expect(lateRow).toHaveCount(0);

  await page.getByRole('tab', { name: '已核对' }).click();
  // Oldest arrivals first: today's are on the last page.
  const pages = page.locator('.ant-pagination-item');
  await expect(table.locator('.ant-table-row').first()).toBeVisible();
  if ((await pages.count()) > 1) await pages.last().click();
  await expect(onTimeRow).toContainText('核对无误');
  await expect(lateRow).toContainText('有问题');
  await expect(lateRow).toContainText('电话与购房合同不一致');
  await expect(lateRow.getByTestId('handover-late')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/customer-handover-checked.png`, fullPage: true });
});

test('PIPL: the drawer exports the personal data with a reason, asks for erasure, and shows the record erased once the general manager approves', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  const name = `隐私客户${Date.now() % 1_000_000}`;
  const customerId = await newCustomer(page, name, mobile(3));

  await page.goto('/customers');
  const search = page.getByPlaceholder(/姓名|电话/).first();
  await search.fill(name);
  await search.press('Enter');
  await page.locator('.ant-table-row', { hasText: name }).getByText(name).click();
  const drawer = page.locator('.ant-drawer-open');
  await expect(drawer.getByTestId('personal-data-actions')).toBeVisible();

  // 导出个人信息: a reason first, then one workbook.
  await drawer.getByTestId('personal-data-export').click();
  const asked = page.getByRole('dialog', { name: '导出客户个人信息' });
  await asked.getByRole('button', { name: /导\s*出/ }).click();
  await expect(asked.getByText('请写明原因（至少 2 个字）')).toBeVisible();
  await asked.getByLabel('原因').fill('客户本人来电申请查阅');
  await page.screenshot({ path: `${SCREENS}/customer-pipl-export.png`, fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    asked.getByRole('button', { name: /导\s*出/ }).click(),
  ]);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(
    expect.arrayContaining(['客户资料 Customer', '电话 Phones', '地址 Addresses']),
  );
  const values = JSON.stringify(wb.getWorksheet('客户资料 Customer')!.getSheetValues());
  expect(values).toContain(name);

  // 申请删除个人信息: the request waits for the general manager.
  const reason = `客户书面申请删除 ${name.slice(-6)}`;
  await drawer.getByTestId('personal-data-erase').click();
  const erase = page.getByRole('dialog', { name: '申请删除客户个人信息' });
  await erase.getByLabel('原因').fill(reason);
  await erase.getByRole('button', { name: '提交申请' }).click();
  await expect(drawer.getByTestId('erasure-status')).toHaveText('删除申请审批中');
  await expect(drawer.getByTestId('personal-data-erase')).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/customer-pipl-pending.png`, fullPage: true });

  const gmContext = await browser.newContext();
  const gm = await gmContext.newPage();
  await signIn(gm, 'gm.zhou', DEMO_PASSWORD);
  await gm.goto('/approvals');
  const card = gm.getByTestId('approval-card').filter({ hasText: reason });
  await expect(card).toBeVisible();
  await gm.screenshot({ path: `${SCREENS}/customer-pipl-approval.png`, fullPage: true });
  await card.getByRole('button', { name: /批\s*准/ }).click();
  await expect(gm.getByTestId('approval-card').filter({ hasText: reason })).toHaveCount(0);

  // The record is anonymised: the placeholder name, no phone, and the erased state in the drawer.
  const erased = await call(page, 'GET', `/api/v1/customers/${customerId}`);
  expect(erased).toMatchObject({ name: '已删除个人信息的客户', phones: [], addresses: [] });
  await page.goto(`/customers?customer=${customerId}`);
  await expect(page.locator('.ant-drawer-open').getByTestId('erasure-status')).toHaveText('个人信息已删除');
  await expect(page.locator('.ant-drawer-open')).not.toContainText(name);
  await page.screenshot({ path: `${SCREENS}/customer-pipl-erased.png`, fullPage: true });
});
