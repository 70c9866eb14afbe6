import ExcelJS from 'exceljs';
import { expect as baseExpect } from '@playwright/test';
import { SCREENS, signIn, test } from './helpers';

// Issue 17: orders entered at the counter (lines with flags, amounts in yuan) and imported from
// Excel, where a sheet with a bad row imports nothing and names the row.
const expect = baseExpect.configure({ timeout: 30_000 });

test('orders: entered at the counter with their lines; an Excel sheet with a bad row is refused row by row', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'sh.manager', 'Kefu2026demo');
  await page.goto('/returns/orders');
  const form = page.getByTestId('order-form');
  const orderNo = `SO-FORM-${Date.now().toString(36).toUpperCase()}`;
  await form.getByLabel('订单号').fill(orderNo);
  await form.getByLabel('客户姓名').fill('李秀英');
  await form.getByLabel('客户电话').fill('13900139001');
  await form.getByLabel('下单时间').click();
  await form.getByLabel('下单时间').fill('2026-03-01 10:00');
  await form.getByLabel('下单时间').press('Enter');
  await form.getByLabel('商品').fill('实木餐桌');
  await form.getByLabel('售价').fill('8600');
  await form.getByLabel('实付').fill('8600.50');
  await form.getByLabel('处理品').check();
  await page.screenshot({ path: `${SCREENS}/order-entry.png` });
  await page.getByTestId('order-save').click();
  // Paid above the price: the form says so before anything is sent.
  await expect(form.getByText('实付金额不能大于售价')).toBeVisible();
  await form.getByLabel('实付').fill('8600');
  await page.getByTestId('order-save').click();
  await expect(page.getByText(`订单 ${orderNo} 已保存`)).toBeVisible();

  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('订单导入');
  ws.addRow(['订单号', '下单时间', '商品', '售价（元）', '实付（元）']);
  ws.addRow([`${orderNo}-X`, '2026-03-02 09:00', '茶几', 1200, 1300]);
  await page
    .getByTestId('order-import')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'orders.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
  await expect(page.getByTestId('import-problems')).toContainText(
    '第 2 行“实付（元）”：实付金额不能大于售价',
  );
  await expect(page.getByTestId('order-error')).toContainText('未导入任何订单');
});
