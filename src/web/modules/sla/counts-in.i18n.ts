import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

/** SLA-1: which calendar a target counts in, on the SLA settings page and the ticket's SLA panel. */
const strings: PairTree = {
  column: ['计时日历', 'Counts in'],
  working: ['按「{{unit}}」营业时间计 {{hours}}', "{{unit}}'s business hours: {{hours}}"],
  calendar: ['按自然时间计（24×7）', 'Natural time (24×7)'],
  committed: ['按承诺完成时间', 'The committed completion time'],
  banner: [
    '本单位的工作时间按「{{unit}}」的日历计：{{hours}}；{{holidays}}。',
    "Working time here counts in {{unit}}'s calendar: {{hours}}; {{holidays}}.",
  ],
  bannerHint: [
    '以“工作分钟/工作小时/工作日”计的时限只在这些时间内走表；以“自然分钟/自然小时”计的时限全天候计时。',
    'Targets in working minutes, hours or days run only in these hours; natural minutes and hours run around the clock.',
  ],
  editCalendar: ['修改营业时间', 'Edit business hours'],
  publicHolidays: ['法定节假日', 'Public holidays'],
  observe: ['休息（调休日上班）', 'Closed (works make-up days)'],
  work: ['照常营业', 'Open as usual'],
  inherit: ['沿用上级', 'As the parent unit'],
  publicHolidaysHelp: [
    '门店通常在法定节假日照常营业：选“照常营业”后，法定节假日和调休安排都不影响本单位，本单位自己的休息日（如除夕、盘点）在“例外日期”中设置。',
    "Stores usually stay open on public holidays: with 'Open as usual' neither holidays nor make-up days apply here; the unit's own closing days (New Year's Eve, stock-taking) go under exceptions.",
  ],
  storeDefault: ['套用门店默认营业时间', 'Apply the store default hours'],
  storeHours: ['营业时间', 'Business hours'],
  storeHoursDefault: [
    '门店默认：每天 09:30–21:00，法定节假日照常营业',
    'Store default: every day 09:30–21:00, open on public holidays',
  ],
  storeHoursInherit: ['沿用上级单位的工作日历', "The parent unit's calendar"],
  storeDefaultHelp: [
    '每天 09:30–21:00，法定节假日照常营业。已有门店不会被自动修改，确认后保存即生效（记入操作日志）。',
    'Every day 09:30–21:00, open on public holidays. Existing stores are never changed automatically; saving applies it (audited).',
  ],
};

export const countsInI18n: ModuleBundle = {
  namespace: 'countsIn',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
