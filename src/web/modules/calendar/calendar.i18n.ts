import { pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';

// Business calendars (工作日历). Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    calendar: ['工作日历', 'Working calendar'],
  },
  title: ['工作日历', 'Working calendar'],
  yearSuffix: ['年', 'year'],
  month: ['{{month}}月', 'Month {{month}}'],
  tabYear: ['年历', 'Year'],
  tabHours: ['营业时间', 'Business hours'],
  tabExceptions: ['例外日期', 'Exceptions'],
  tabIcs: ['导入/导出', 'Import / export'],
  kind: {
    working: ['工作日', 'Working day'],
    rest: ['休息日', 'Day off'],
    holiday: ['法定节假日', 'Public holiday'],
    makeup: ['调休上班', 'Make-up working day'],
    half: ['半天', 'Half day'],
    closed: ['停业', 'Closed'],
  },
  exceptionKind: {
    holiday: ['节假日', 'Holiday'],
    closed: ['停业', 'Closed'],
    makeup_workday: ['调休上班', 'Make-up working day'],
    half_day: ['半天', 'Half day'],
  },
  source: {
    official: ['来源：国务院放假安排', 'Source: State Council schedule'],
    unit: ['来源：本单位或上级单位设置', 'Source: this unit or a parent unit'],
    weekly: ['来源：每周营业时间', 'Source: weekly business hours'],
  },
  weekdayShort: {
    mon: ['一', 'M'],
    tue: ['二', 'T'],
    wed: ['三', 'W'],
    thu: ['四', 'T'],
    fri: ['五', 'F'],
    sat: ['六', 'S'],
    sun: ['日', 'S'],
  },
  weekdayLong: {
    mon: ['周一', 'Monday'],
    tue: ['周二', 'Tuesday'],
    wed: ['周三', 'Wednesday'],
    thu: ['周四', 'Thursday'],
    fri: ['周五', 'Friday'],
    sat: ['周六', 'Saturday'],
    sun: ['周日', 'Sunday'],
  },
  weekday: ['星期', 'Weekday'],
  own: ['单独设置', 'Own setting'],
  inherited: ['沿用上级', 'inherited'],
  periods: ['营业时段', 'Periods'],
  hoursHelp: [
    '每天可设置多个时段，时段之间的间隔（如午休）不计入时限；勾选“单独设置”后留空表示当天休息。',
    'A day may have several periods; gaps between them (lunch break) do not count. With "Own setting" ticked, an empty value closes that day.',
  ],
  date: ['日期', 'Date'],
  name: ['名称', 'Name'],
  kindLabel: ['类型', 'Kind'],
  addException: ['添加', 'Add'],
  badPeriods: [
    '时段格式应为 09:00-12:00，多个时段用逗号分隔',
    'Periods look like 09:00-12:00, several separated by commas',
  ],
  cancelInherited: ['取消上级设置', 'Cancels the parent setting'],
  removeConfirm: ['确定删除这一天的设置吗？', 'Remove the setting for this day?'],
  icsHelp: [
    '可导入国务院公布的放假安排（ICS 日历文件），先预览再确认导入；导入后该年份视为已有官方数据。',
    'Import the State Council holiday schedule (an ICS file): preview, then confirm. Imported years count as having official data.',
  ],
  chooseFile: ['选择 ICS 文件', 'Choose ICS file'],
  preview: ['预览', 'Preview'],
  previewSummary: ['共 {{count}} 天，涉及年份：{{years}}', '{{count}} days, years: {{years}}'],
  previewSummary_one: ['共 {{count}} 天，涉及年份：{{years}}', '{{count}} day, years: {{years}}'],
  confirmImport: ['确认导入', 'Confirm import'],
  imported: ['已导入 {{count}} 天', '{{count}} days imported'],
  imported_one: ['已导入 {{count}} 天', '{{count}} day imported'],
  exportYear: ['导出 {{year}} 年', 'Export {{year}}'],
  exportAll: ['导出全部', 'Export all'],
};

export const calendarI18n: ModuleBundle = {
  namespace: 'calendar',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
