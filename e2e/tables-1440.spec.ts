import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ADMIN, SCREENS, call, signIn, test } from './helpers';

// Issue 16: at 1440 × 900 (the config's viewport) every list fits its card: no table scrolls sideways,
// the fixed 操作 column covers no neighbouring text, and no cell's text runs out of its cell uncut
// (long subjects and addresses end in … and show the whole text on hover).
const PASSWORD = 'Kefu2026demo';
const PAGES = {
  supervisor: [
    '/tickets',
    '/customers',
    '/workorders',
    '/care/worklist',
    '/contacts',
    '/complaints/close-outs',
    '/department-inbox',
    '/approvals',
    '/returns',
    '/tasks',
    '/surveys/results',
    '/surveys/weekly',
    '/messages/outbox',
  ],
  admin: [
    '/system/audit',
    '/org/users',
    '/org/roles',
    '/org/account-requests',
    '/messages/templates',
    '/care/rules',
    '/workorders/price-list',
  ],
} as const;

/** What does not fit on the page: tables wider than their box, covered or clipped cells. */
async function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const label = (el: Element) => (el.textContent ?? '').trim().slice(0, 40);
    for (const box of document.querySelectorAll('.ant-table-content, .ant-table-body')) {
      if (box.scrollWidth > box.clientWidth + 1) out.push(`scrolls: ${box.scrollWidth} > ${box.clientWidth}`);
    }
    for (const fixed of document.querySelectorAll(
      'td.ant-table-cell-fix-right-first, td.ant-table-cell-fix-start',
    )) {
      const before = fixed.previousElementSibling;
      if (!before || !label(before)) continue;
      const a = before.getBoundingClientRect();
      const b = fixed.getBoundingClientRect();
      if (a.right > b.left + 1) out.push(`under 操作: ${label(before)}`);
    }
    // antd's own checkbox column (row selection) holds no text.
    for (const cell of document.querySelectorAll('.ant-table-tbody td:not(.ant-table-selection-column)')) {
      const ellipsed =
        cell.classList.contains('ant-table-cell-ellipsis') || cell.querySelector('.ant-typography-ellipsis');
      if (!ellipsed && cell.scrollWidth > cell.clientWidth + 1) out.push(`clipped: ${label(cell)}`);
    }
    return out;
  });
}

for (const [who, paths] of Object.entries(PAGES)) {
  test(`every list fits at 1440 px without sideways scrolling or text under 操作 (${who})`, async ({
    page,
  }) => {
    test.setTimeout(480_000);
    if (who === 'admin') await signIn(page, ADMIN.username, ADMIN.password);
    else await signIn(page, 'hq.supervisor', PASSWORD);
    if (who === 'supervisor') {
      // The demo's queues start empty here: a customer and a ticket with long words to cut.
      const me = await call(page, 'GET', '/api/v1/me');
      const unitId = me.memberships[0].unitId as string;
      const long =
        '客户反映新装的燃气热水器在冬季清晨打不着火，已多次自行重启仍无效，要求尽快上门检修并说明原因';
      const customer = await call(page, 'POST', '/api/v1/customers', {
        unitId,
        name: '欧阳宏图',
        phones: [{ number: '13912345678' }],
        addresses: [{ address: `上海市浦东新区张江高科技园区碧波路${'一二三四五六七八九十'.repeat(3)}号楼` }],
      });
      await call(page, 'POST', '/api/v1/tickets', {
        unitId,
        type: 'repair',
        channel: 'phone',
        subject: long,
        customerId: customer.id,
      });
    }
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      // A list with nothing in it may show an empty state instead of a table (审批).
      await expect(page.locator('.ant-table, .ant-empty').first()).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
      found.push(...(await misfits(page)).map((m) => `${path} ${m}`));
    }
    expect(found).toEqual([]);
  });
}

/** English headers and tags cut by their column ("Appointment a", "Repair ·"): text wider than its box. */
async function cutLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const label = (el: Element) => (el.textContent ?? '').trim().slice(0, 40);
    for (const th of document.querySelectorAll('.ant-table-thead th')) {
      if (!label(th)) continue;
      // The laid-out text against the cell's content box (a pinned cell's shadow widens its scrollWidth).
      const text = document.createRange();
      text.selectNodeContents(th);
      const style = getComputedStyle(th);
      const room = th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (text.getBoundingClientRect().width > room + 1) out.push(`header cut: ${label(th)}`);
    }
    for (const tag of document.querySelectorAll('.ant-table-tbody .ant-tag')) {
      const cell = tag.closest('td')!;
      const padding = parseFloat(getComputedStyle(cell).paddingRight);
      const tagBox = tag.getBoundingClientRect();
      if (
        tag.scrollWidth > tag.clientWidth + 1 ||
        tagBox.right > cell.getBoundingClientRect().right - padding + 1
      )
        out.push(`tag cut: ${label(tag)}`);
    }
    return out;
  });
}

test('in English at 1440 px the work-order, ticket, customer and returns lists cut no header and no tag', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // An installation order with its appointment agreed: the longest English type and state.
  const boss = await (await browser.newContext()).newPage();
  await signIn(boss, 'sh.install', PASSWORD);
  const me = await call(boss, 'GET', '/api/v1/me');
  const unitId: string = me.memberships[0].unitId;
  const techs = await call(boss, 'GET', `/api/v1/workorders/technicians?unitId=${unitId}`);
  const order = await call(boss, 'POST', '/api/v1/workorders', {
    unitId,
    // REP-1: an order is dispatched only with the model and the purchase date.
    productModel: 'KFR-35GW/BP3',
    purchaseDate: '2025-06-18',
    type: 'install',
    problem: '新购燃气热水器上门安装，需拆除旧机并更换进水阀门',
    contactName: '欧阳女士',
    contactPhone: '13812341234',
    address: '上海市徐汇区漕溪北路 88 号 5 栋 1202 室',
  });
  await call(boss, 'POST', `/api/v1/workorders/${order.id}/assign`, { technicianId: techs.items[0].id });
  const shanghai = new Date(Date.now() + 8 * 3_600_000);
  do shanghai.setUTCDate(shanghai.getUTCDate() + 1);
  while (shanghai.getUTCDay() === 0 || shanghai.getUTCDay() === 6);
  const day = shanghai.toISOString().slice(0, 10);
  await call(boss, 'POST', `/api/v1/workorders/${order.id}/appointment`, {
    start: new Date(`${day}T14:00:00+08:00`).toISOString(),
    end: new Date(`${day}T16:00:00+08:00`).toISOString(),
    customerAgreed: true,
  });
  await call(boss, 'POST', '/api/v1/workorders', {
    unitId,
    // REP-1: an order is dispatched only with the model and the purchase date.
    productModel: 'KFR-35GW/BP3',
    purchaseDate: '2025-06-18',
    type: 'repair',
    problem: '空调不制冷',
    contactName: '王女士',
    contactPhone: '13812341235',
    address: '上海市徐汇区宜山路 700 号',
  });
  await boss.context().close();

  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'hq.supervisor', PASSWORD);
  await call(page, 'POST', '/api/v1/tickets', {
    unitId: (await call(page, 'GET', '/api/v1/me')).memberships[0].unitId,
    type: 'installation',
    channel: 'phone',
    subject: '新装热水器漏水，安装师傅未接好进水管，要求上门返修并赔偿地板损失',
    contactPhone: '13812341234',
  });
  await page.evaluate(() => localStorage.setItem('kefu.language', 'en'));
  const found: string[] = [];
  for (const path of ['/workorders', '/tickets', '/customers', '/returns']) {
    await page.goto(path);
    await expect(page.locator('.ant-table, .ant-empty').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
    if (path === '/workorders') {
      await expect(page.getByRole('columnheader', { name: 'Appointment' })).toBeVisible();
      await expect(page.locator('.ant-table-tbody').getByText('Appointment agreed').first()).toBeVisible();
    }
    await page.screenshot({ path: `${SCREENS}${path}-1440-en.png` });
    found.push(...[...(await cutLabels(page)), ...(await misfits(page))].map((m) => `${path} ${m}`));
  }
  expect(found).toEqual([]);
});
