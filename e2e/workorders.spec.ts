import { expect } from '@playwright/test';
import type { Browser, Locator, Page } from '@playwright/test';
import { SCREENS, login, call, pickOptionByText, signIn, test } from './helpers';

// Field service (issue 5): 吴刚 (sh.install, installation supervisor) dispatches from 派工看板;
// 黄师傅 (sh.tech) works the visit on a 375 px phone, the customer signs on the screen and rates
// the visit (REP-4, REP-5, SAT-1); the feedback form prints with that signature (REP-9); a repair
// that cannot be done on site is carried in with a signed goods receipt (REP-6).
const PASSWORD = 'Kefu2026demo';
const PHONE = { width: 375, height: 812 };

/** Calls the API as the person logged in on `page` (cookies and CSRF token of that session). */
/** The next weekday (Mon–Fri) after today in Shanghai, and that day's `hour`:00 there as an instant. */
function nextWeekday(hour: number): { day: string; at: (h?: number) => string } {
  const shanghai = new Date(Date.now() + 8 * 3_600_000); // its UTC fields read as Shanghai wall time
  do shanghai.setUTCDate(shanghai.getUTCDate() + 1);
  while (shanghai.getUTCDay() === 0 || shanghai.getUTCDay() === 6);
  const day = shanghai.toISOString().slice(0, 10);
  const at = (h = hour) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00+08:00`).toISOString();
  return { day, at };
}

async function supervisor(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  await login(page, 'sh.install', PASSWORD);
  await expect(page.getByTestId('side-nav')).toBeVisible();
  const me = await call(page, 'GET', '/api/v1/me');
  const unitId: string = me.memberships[0].unitId;
  const techs = await call(page, 'GET', `/api/v1/workorders/technicians?unitId=${unitId}`);
  const tech = techs.items.find((x: { name: string }) => x.name === '黄师傅');
  expect(tech, 'sh.tech is a technician of the installation department').toBeTruthy();
  await call(page, 'PUT', `/api/v1/workorders/technicians/${tech.id}`, {
    unitId,
    skills: ['空调维修', '热水器安装'],
    areas: ['徐汇'],
  });
  return { page, unitId, techId: tech.id as string };
}

async function newOrder(page: Page, unitId: string, problem: string, area = '徐汇') {
  return call(page, 'POST', '/api/v1/workorders', {
    unitId,
    // REP-1: an order is dispatched only with the model and the purchase date.
    productModel: 'KFR-35GW/BP3',
    purchaseDate: '2025-06-18',
    type: 'repair',
    problem,
    contactName: '王女士',
    contactPhone: '13812341234',
    address: '上海市徐汇区漕溪北路 88 号 5 栋 1202 室',
    requiredSkill: '空调维修',
    area,
    partsNeeded: [{ name: '启动电容', quantity: 1 }],
  }) as Promise<{ id: string; number: string }>;
}

async function technicianPhone(browser: Browser) {
  const page = await (await browser.newContext({ viewport: PHONE, hasTouch: true })).newPage();
  await login(page, 'sh.tech', PASSWORD);
  // A technician lands on today's visits, not the office home page.
  await page.waitForURL((u) => u.pathname === '/tech');
  return page;
}

/** Draws a signature on the canvas with the mouse, as a finger would. */
async function sign(page: Page, testId: string) {
  const canvas = page.getByTestId(`${testId}-canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    await page.mouse.move(box.x + 30 + i * 7, box.y + box.height / 2 + Math.sin(i / 4) * 35);
  }
  await page.mouse.up();
}

/**
 * PAY-3: a charged order (no warranty date: class A) leaves only with its quote approved and signed
 * by the customer. A call-out fee — a small charge, no managers' approval — priced by finance,
 * agreed by phone and signed on the supervisor's screen.
 */
async function signedCallOutQuote(browser: Browser, boss: Page, order: { id: string }) {
  const base = `/api/v1/workorders/${order.id}`;
  await call(boss, 'PUT', `${base}/quote`, {
    lines: [{ kind: 'service', name: '上门费', quantity: 1, unitPriceFen: 5000 }],
  });
  const finance = await (await browser.newContext()).newPage();
  await signIn(finance, 'sh.finance', PASSWORD);
  await call(finance, 'POST', `${base}/quote/confirm-service`, {});
  await finance.context().close();
  await call(boss, 'POST', `${base}/quote/customer-confirm`, { how: 'phone' });
  await boss.goto(`/workorders/${order.id}`);
  await expect(boss.getByTestId('quote-approval')).toContainText('小额收费，无需审批');
  await boss.getByTestId('quote-sign').click();
  await boss.getByTestId('quote-signer').fill('王女士');
  await sign(boss, 'quote-signature-pad');
  await boss.getByTestId('quote-sign-submit').click();
  await expect(boss.getByTestId('quote-card')).toContainText('王女士 · ');
}

/** The technician takes the order from the worklist to 已上门: checklist (REP-4), leave, arrive. */
async function goOnSite(tech: Page, order: { id: string; number: string }) {
  await tech.goto('/tech');
  await expect(tech.getByTestId('tech-visit-card').first()).toBeVisible();
  await tech.goto(`/tech/${order.id}`);
  await expect(tech.getByTestId('tech-visit')).toContainText(order.number);
  for (const c of ['partsPrepared', 'documentsPrinted', 'addressConfirmed', 'arrivalTimeConfirmed']) {
    await tech.getByTestId(`check-${c}`).click();
  }
  await tech.getByTestId('checklist-save').click();
  await expect(tech.getByText('已完成：出发前检查')).toBeVisible();
  await tech.getByTestId('action-depart').click();
  await expect(tech.getByTestId('visit-state')).toHaveText('出发中');
  await tech.getByTestId('action-arrive').click();
  await expect(tech.getByTestId('visit-state')).toHaveText('已上门');
}

/**
 * Drags a board card onto a technician's row with the mouse, as a supervisor does. The page is at
 * its top first and both ends are measured before the button goes down: dragTo scrolls to the
 * target after pressing on the source, and once the page is taller than the window (a long menu)
 * that scroll moved another card under the pointer.
 */
async function dragOnBoard(page: Page, card: Locator, row: Locator) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await card.scrollIntoViewIfNeeded();
  await row.scrollIntoViewIfNeeded();
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  const to = (await row.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + Math.min(from.height / 2, 20));
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 30), { steps: 5 });
  await page.mouse.up();
}

test('the supervisor dispatches on the board; the technician completes with a drawn signature; the feedback form prints with it', async ({
  browser,
}) => {
  // A long walk: two assignments and a refused drop on the board, the visit on a phone, two prints.
  test.setTimeout(150_000);
  const { page: boss, unitId, techId } = await supervisor(browser);
  const first = await newOrder(boss, unitId, '客厅挂机开机半小时不制冷，外机不转');
  const second = await newOrder(boss, unitId, '卧室挂机漏水，滴到地板上');

  // 派工看板: drag the first order onto 黄师傅, choose him from the list for the second.
  await boss.getByRole('menuitem', { name: '派工看板' }).click();
  const card = boss.getByTestId('board-unassigned').filter({ hasText: first.number });
  const row = boss.getByTestId('board-technician').filter({ hasText: '黄师傅' });
  await expect(card).toBeVisible();
  await expect(row).toContainText('空调维修');
  await dragOnBoard(boss, card, row);
  await expect(boss.getByText('已派给 黄师傅')).toBeVisible();
  await expect(boss.getByTestId('board-unassigned').filter({ hasText: first.number })).toHaveCount(0);
  await boss
    .getByTestId('board-unassigned')
    .filter({ hasText: second.number })
    .getByTestId('board-assign')
    .click();
  await boss.getByTestId('assign-technician').click();
  await boss.keyboard.type('黄师傅');
  await boss.keyboard.press('Enter');
  await expect(boss.getByRole('dialog')).toContainText('黄师傅');
  await boss.getByRole('dialog').getByRole('button', { name: '派工' }).click();
  await expect(boss.getByTestId('board-unassigned').filter({ hasText: second.number })).toHaveCount(0);
  // Issue 16 item 7: assigned with no visit booked yet, both stay on the board under 黄师傅 (待预约).
  const toBook = row.getByTestId('board-to-book');
  await expect(toBook).toContainText('待预约 2 单');
  await expect(toBook.getByTestId('board-to-book-order')).toHaveText([first.number, second.number]);
  // A drop outside his area asks first, with the reason; cancelling leaves the order unassigned.
  const far = await newOrder(boss, unitId, '闵行新房挂机安装后不制冷', '闵行');
  await boss.reload();
  const farCard = boss.getByTestId('board-unassigned').filter({ hasText: far.number });
  await dragOnBoard(boss, farCard, row);
  const confirm = boss.getByRole('dialog').filter({ hasText: `把 ${far.number} 派给 黄师傅？` });
  await expect(confirm.getByTestId('board-misfit-reasons')).toContainText('黄师傅 不负责“闵行”片区');
  await boss.screenshot({ path: `${SCREENS}/workorders-board-misfit.png` });
  await confirm.getByRole('button', { name: /取\s*消/ }).click();
  await expect(confirm).toHaveCount(0);
  await expect(boss.getByTestId('board-unassigned').filter({ hasText: far.number })).toBeVisible();
  await expect(boss.getByText('已派给 黄师傅')).toHaveCount(0);
  await boss.screenshot({ path: `${SCREENS}/workorders-board.png`, fullPage: true });

  // The appointment is agreed with the customer to the hour (REP-2) on the detail page.
  await boss.goto(`/workorders/${first.id}`);
  await expect(boss.getByTestId('workorder-state')).toHaveText('已派工');
  await boss.getByTestId('action-appointment').click();
  const visitDay = nextWeekday(10);
  const dayInput = boss.locator('input[data-testid=appointment-day], [data-testid=appointment-day] input');
  await dayInput.click();
  await dayInput.fill(visitDay.day);
  await boss.keyboard.press('Enter');
  await boss.getByTestId('appointment-agreed').click();
  await boss
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(boss.getByTestId('workorder-state')).toHaveText('已预约');
  expect(techId).toBeTruthy();

  // 黄师傅 on his phone.
  const tech = await technicianPhone(browser);
  await tech.goto('/tech');
  await expect(tech.getByTestId('tech-page')).toBeVisible();
  await expect(tech.getByTestId('tech-visit-card').first()).toBeVisible();
  await tech.screenshot({ path: `${SCREENS}/workorders-tech-list.png`, fullPage: true });
  await signedCallOutQuote(browser, boss, first);
  await tech.goto(`/tech/${first.id}`);
  await expect(tech.getByTestId('call-customer')).toHaveAttribute('href', 'tel:13812341234');
  await goOnSite(tech, first);

  // The work, then the customer's acceptance: four ratings and a signature drawn on the screen.
  await tech.getByTestId('visit-work-done').fill('更换启动电容，清洗室外机散热片，试机 30 分钟制冷正常');
  // REP-5: the fault cause, and this charged order's charges (no warranty date: class A).
  await pickOptionByText(tech, tech.getByTestId('diagnosis-finding'), '零部件损坏');
  await tech.getByTestId('charge-name-0').fill('更换启动电容');
  await tech.getByTestId('charge-price-0').fill('85');
  await tech.getByTestId('charges-save').click();
  await expect(tech.getByTestId('charges-total')).toHaveText('合计 ¥85.00');
  // SAT-1: the parts the order needed are accepted item by item.
  for (const item of await tech.getByTestId(/^acceptance-item-\d+-result$/).all())
    await item.getByText('验收合格').click();
  for (const aspect of ['sales_service', 'workmanship', 'installation_service']) {
    await tech.getByTestId(`rating-${aspect}`).locator('.ant-rate-star').nth(4).click();
  }
  await tech.getByTestId('acceptance-comment').fill('师傅很专业，准时');
  await expect(tech.getByTestId('acceptance-submit')).toBeDisabled(); // no signature yet
  await sign(tech, 'signature-pad');
  await tech.screenshot({ path: `${SCREENS}/workorders-tech-signing.png`, fullPage: true });
  await tech.getByTestId('acceptance-submit').click();
  await expect(tech.getByTestId('tech-signature-image')).toBeVisible();
  await expect
    .poll(() =>
      tech.getByTestId('tech-signature-image').evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  await tech.screenshot({ path: `${SCREENS}/workorders-tech-done.png`, fullPage: true });

  // The feedback form prints with the signature image loaded (REP-9).
  await tech.setViewportSize({ width: 900, height: 1200 });
  await tech.goto(`/workorders/${first.id}/print?form=feedback&size=a4`);
  await expect(tech.locator('[data-testid=print-root][data-ready=true]')).toBeVisible();
  await tech.emulateMedia({ media: 'print' });
  const printed = tech.getByTestId('print-signature');
  await expect(printed).toBeVisible();
  expect(await printed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(tech.getByTestId('print-qr')).toBeVisible();
  await expect(tech.getByTestId('print-now')).toBeHidden(); // the toolbar does not print
  // The charges recorded on site, in yuan, with their total (issue 16).
  const charges = tech.getByTestId('print-charges');
  await expect(charges).toContainText('更换启动电容');
  await expect(charges).toContainText('¥85.00');
  await expect(tech.getByTestId('print-charges-total')).toHaveText('¥85.00');
  await tech.screenshot({ path: `${SCREENS}/workorders-feedback-a4.png`, fullPage: true });
  await tech.pdf({ path: `${SCREENS}/workorders-feedback-a4.pdf`, preferCSSPageSize: true });
  await tech.emulateMedia({ media: 'screen' });
  await tech.goto(`/workorders/${first.id}/print?form=feedback&size=narrow`);
  await expect(tech.locator('[data-testid=print-root][data-ready=true]')).toBeVisible();
  await tech.emulateMedia({ media: 'print' });
  await tech.screenshot({ path: `${SCREENS}/workorders-feedback-80mm.png`, fullPage: true });

  // The supervisor sees it completed, with the signature, waiting for the next-day check (REP-7).
  await boss.goto(`/workorders/${first.id}`);
  await expect(boss.getByTestId('workorder-state')).toHaveText('已完工');
  await expect(boss.getByTestId('detail-signature')).toBeVisible();
  await boss.screenshot({ path: `${SCREENS}/workorders-detail.png`, fullPage: true });
  await boss.getByTestId('action-verify').click();
  await boss.getByTestId('dialog-verify-text').fill('反馈单签字齐全，已核');
  await boss
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(boss.getByTestId('workorder-state')).toHaveText('主管已核');
  await expect(boss.getByTestId('checks-card')).toContainText('吴刚');

  // A free order's feedback form says so instead of leaving the charges blank.
  const free = await newOrder(boss, unitId, '保修期内空调异响');
  await call(boss, 'POST', `/api/v1/workorders/${free.id}/service-class`, {
    serviceClass: 'C',
    reason: '保修期内，免费维修',
    opinion: { department: '售后服务部', givenBy: '陈主管', proposedClass: 'C', reason: '保修期内' },
  });
  await boss.goto(`/workorders/${free.id}/print?form=feedback&size=a4`);
  await expect(boss.locator('[data-testid=print-root][data-ready=true]')).toBeVisible();
  await expect(boss.getByTestId('print-charges-total')).toHaveText('免费，不收取任何费用');
});

test('a repair that cannot be done on site is carried in with a signed goods receipt', async ({
  browser,
}) => {
  const { page: boss, unitId, techId } = await supervisor(browser);
  const order = await newOrder(boss, unitId, '热水器主板烧坏，现场无法修复');
  await call(boss, 'POST', `/api/v1/workorders/${order.id}/assign`, { technicianId: techId });
  const visitDay = nextWeekday(14);
  await call(boss, 'POST', `/api/v1/workorders/${order.id}/appointment`, {
    start: visitDay.at(14),
    end: visitDay.at(16),
    customerAgreed: true,
  });

  await signedCallOutQuote(browser, boss, order);
  const tech = await technicianPhone(browser);
  await goOnSite(tech, order);
  await tech.getByTestId('action-carry-in').click();
  await tech.getByTestId('receipt-item-name').fill('燃气热水器 室内机主板');
  await tech.getByTestId('receipt-item-condition').fill('外壳有划痕，无配件');
  await sign(tech, 'receipt-signature');
  await tech.getByTestId('carry-in-submit').click();
  await expect(tech.getByTestId('visit-state')).toHaveText('已携回');
  await expect(tech.getByTestId('receipt-number')).toContainText(/R\d{13}/);
  await tech.screenshot({ path: `${SCREENS}/workorders-carry-in.png`, fullPage: true });

  await tech.getByTestId('print-receipt').click();
  await expect(tech.locator('[data-testid=print-root][data-ready=true]')).toBeVisible();
  await tech.emulateMedia({ media: 'print' });
  const signature = tech.getByTestId('print-receipt-signature');
  await expect(signature).toBeVisible();
  expect(await signature.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
    true,
  );
  await expect(tech.getByTestId('print-sheet-receipt')).toContainText('客户商品领取收据');
  await tech.screenshot({ path: `${SCREENS}/workorders-receipt-80mm.png`, fullPage: true });
});

test('the customer opens the SMS link on a phone without logging in, then signs and rates there (PORTAL-2)', async ({
  browser,
}) => {
  const { page: boss, unitId, techId } = await supervisor(browser);
  const order = await newOrder(boss, unitId, '油烟机吸力变小，有异响');
  await call(boss, 'POST', `/api/v1/workorders/${order.id}/assign`, { technicianId: techId });
  const visitDay = nextWeekday(9);
  await call(boss, 'POST', `/api/v1/workorders/${order.id}/appointment`, {
    start: visitDay.at(9),
    end: visitDay.at(11),
    customerAgreed: true,
  });
  const link = await call(boss, 'POST', `/api/v1/workorders/${order.id}/customer-link`, { expiresInDays: 7 });

  const customer = await (await browser.newContext({ viewport: PHONE, hasTouch: true })).newPage();
  await customer.goto(`/c/w/${link.token}`);
  await expect(customer.getByTestId('portal-page')).toContainText('黄师傅');
  await expect(customer.getByTestId('portal-state')).toHaveText('已预约');
  // No customer address on the customer page (the store's own address, on the same street in the
  // demo, is shown with its service phone).
  await expect(customer.getByTestId('portal-page')).not.toContainText('5 栋 1202 室');
  await expect(customer.getByTestId('portal-sign')).toHaveCount(0);
  await customer.screenshot({ path: `${SCREENS}/workorders-customer-link.png`, fullPage: true });

  // On site, the technician records the work and hands over the phone with the link page.
  await signedCallOutQuote(browser, boss, order);
  const tech = await technicianPhone(browser);
  await call(tech, 'POST', `/api/v1/workorders/${order.id}/checklist`, {
    partsPrepared: true,
    documentsPrinted: true,
    addressConfirmed: true,
    arrivalTimeConfirmed: true,
  });
  await call(tech, 'POST', `/api/v1/workorders/${order.id}/depart`, {});
  await call(tech, 'POST', `/api/v1/workorders/${order.id}/arrive`, {});
  await call(tech, 'POST', `/api/v1/workorders/${order.id}/visit`, {
    workDone: '清洗涡轮和油网',
    minutesSpent: 40,
    diagnosis: { finding: 'wear', note: '油网积尘' },
  });
  // No warranty date on record: a charged order, its charges before the customer signs (PAY-3).
  await call(tech, 'PUT', `/api/v1/workorders/${order.id}/quote`, {
    lines: [{ kind: 'service', name: '清洗服务', quantity: 1, unitPriceFen: 8000 }],
  });
  await customer.reload();
  await expect(customer.getByTestId('portal-sign')).toBeVisible();
  // SAT-1: the parts the order needed are accepted item by item.
  for (const item of await customer.getByTestId(/^acceptance-item-\d+-result$/).all())
    await item.getByText('验收合格').click();
  for (const aspect of ['sales_service', 'workmanship', 'installation_service']) {
    await customer.getByTestId(`rating-${aspect}`).locator('.ant-rate-star').nth(3).click();
  }
  await customer.getByTestId('acceptance-signer').fill('李先生');
  await sign(customer, 'signature-pad');
  await customer.getByTestId('acceptance-submit').click();
  await expect(customer.getByTestId('portal-signed')).toBeVisible();
  await expect(customer.getByTestId('portal-state')).toHaveText('已完工');
  await customer.screenshot({ path: `${SCREENS}/workorders-customer-signed.png`, fullPage: true });

  // A made-up link says so in plain Chinese.
  await customer.goto(`/c/w/${'x'.repeat(43)}`);
  await expect(customer.getByTestId('portal-problem')).toContainText('链接无效');
});

test('an agent creates the work order from a repair ticket and finds it in the work-order list (REP-1)', async ({
  browser,
}) => {
  const agent = await (await browser.newContext()).newPage();
  await login(agent, 'sh.agent', PASSWORD);
  await agent.waitForURL((u) => !u.pathname.startsWith('/login'));
  const me = await call(agent, 'GET', '/api/v1/me');
  const ticket = await call(agent, 'POST', '/api/v1/tickets', {
    unitId: me.memberships[0].unitId,
    type: 'repair',
    channel: 'phone',
    subject: '洗衣机脱水时剧烈晃动',
    address: '上海市徐汇区田林路 200 号 3 栋 502 室',
    assetModel: 'XQG100',
    purchaseDate: '2025-03-01',
  });
  await agent.goto(`/tickets/${ticket.id}`);
  await agent.getByTestId('create-workorder').click();
  await expect(agent.getByTestId('create-problem')).toHaveValue(/洗衣机脱水时剧烈晃动/);
  // The store's 安装部, where its technicians are, is proposed: its supervisor dispatches the order.
  await expect(agent.getByRole('dialog')).toContainText('已默认选中有师傅的部门');
  await expect(agent.getByRole('dialog').locator('.ant-select-content-has-value').first()).toContainText(
    '安装部',
  );
  await agent.getByTestId('create-skill').fill('洗衣机维修');
  await agent.screenshot({ path: `${SCREENS}/workorder-create-dialog.png` });
  await agent
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(agent.getByTestId('workorder-number')).toHaveText(/^W\d{13}$/);
  await expect(agent.getByTestId('workorder-detail')).toContainText(ticket.number);
  await expect(agent.getByTestId('workorder-detail')).toContainText('田林路 200 号');

  await agent.getByRole('menuitem', { name: '派工单' }).click();
  await agent
    .locator('input[data-testid=workorders-search], [data-testid=workorders-search] input')
    .fill('洗衣机');
  await expect(agent.getByTestId('workorders-table')).toContainText('洗衣机脱水时剧烈晃动');
  await expect(agent.getByTestId('workorders-table')).not.toContainText('卧室挂机漏水'); // the search filters
  await agent.screenshot({ path: `${SCREENS}/workorders-list.png`, fullPage: true });
});
