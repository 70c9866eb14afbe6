import type { CareRule } from './care.types';

/** Survey template SURVEYS ships for a satisfaction call or link after a service. */
export const DEFAULT_SURVEY_TEMPLATE = 'csat_after_service';

const rule = (
  r: Omit<CareRule, 'enabled' | 'messageTemplateCode' | 'surveyTemplateCode'> & Partial<CareRule>,
) => ({ enabled: true, messageTemplateCode: null, surveyTemplateCode: null, ...r }) satisfies CareRule;

/**
 * CARE-1 shipped defaults. Every unit starts with these; a unit (or an ancestor) overrides one by
 * storing a rule under the same code, or switches it off. Retail rules count from the sale (an order)
 * and from the thank-you letter's actual sending.
 */
export const SHIPPED_CARE_RULES: readonly CareRule[] = Object.freeze([
  rule({
    code: 'service_done_sms',
    nameZh: '出厂短信（车辆/物品出厂30分钟内，附服务顾问姓名电话）',
    nameEn: 'SMS within 30 minutes of the vehicle/item leaving the shop, with the advisor’s name and phone',
    businessLine: 'all',
    // CARE-1: anchored on 出厂, recorded by the front-desk advisor, who is the one named.
    trigger: { kind: 'event', event: 'workorder.left_shop' },
    offset: { amount: 0, unit: 'minutes' },
    channel: 'sms',
    purpose: 'service',
    script:
      '{{customerName}}您好，您的爱车/物品已出厂，服务顾问{{advisorName}}，电话{{advisorPhone}}，有任何问题随时联系。',
    // The script itself is the text: the messages module's shared service_done_sms template
    // names no advisor.
  }),
  rule({
    code: 'service_followup_day3',
    nameZh: '服务后第3天回访电话',
    nameEn: 'Follow-up call on the 3rd day after service',
    businessLine: 'all',
    trigger: { kind: 'event', event: 'workorder.completed' },
    offset: { amount: 3, unit: 'days' },
    channel: 'call',
    purpose: 'service',
    script:
      '您好，我是{{storeName}}的客服{{agentName}}，三天前您在我们这里做了服务，想了解一下使用情况怎么样？有没有什么不满意的地方？',
  }),
  rule({
    code: 'survey_after_ticket',
    nameZh: '工单关闭后满意度回访',
    nameEn: 'Satisfaction survey after each closed ticket',
    businessLine: 'all',
    trigger: { kind: 'event', event: 'ticket.closed' },
    offset: { amount: 4, unit: 'hours' },
    channel: 'call',
    purpose: 'service',
    script:
      '您好，我是{{storeName}}的客服{{agentName}}，您反映的问题我们已经处理完毕，耽误您一分钟，想请您对这次处理打个分，可以吗？',
    surveyTemplateCode: 'csat_after_service',
  }),
  rule({
    code: 'survey_after_workorder',
    nameZh: '服务完成后满意度回访（24小时内，由服务负责人打一次）',
    nameEn: 'Satisfaction call within 24 hours of the service, made once by its owner',
    businessLine: 'all',
    // SAT-1 / SLA-6: the call itself meets the 24-hour target, so it is due when the work is done —
    // not after the supervisor's check and the closing.
    trigger: { kind: 'event', event: 'workorder.completed' },
    offset: { amount: 0, unit: 'minutes' },
    channel: 'call',
    purpose: 'service',
    script:
      '您好，我是{{storeName}}的客服{{agentName}}，师傅上门的服务已经完成，想请您对师傅的服务、技术和准时情况打个分，可以吗？',
    surveyTemplateCode: 'csat_after_service',
  }),
  rule({
    code: 'installation_reconfirm',
    nameZh: '安装/送货预约再确认（提前5个工作日）',
    nameEn: 'Installation/delivery reconfirmation call, 5 working days before the appointment',
    businessLine: 'all',
    // JRN-3 / REP-2: counted back over the unit's working calendar (holidays and 调休 included).
    trigger: { kind: 'event', event: 'workorder.appointment_agreed' },
    offset: { amount: -5, unit: 'working_days' },
    channel: 'call',
    purpose: 'service',
    script:
      '您好，我是{{storeName}}的客服，跟您再确认一下送货安装的预约时间（见任务备注），到时家里有人吗？地址有没有变化？',
  }),
  rule({
    code: 'maintenance_due',
    nameZh: '保养到期提醒（提前7天）',
    nameEn: 'Maintenance due reminder (7 days before, from the service interval)',
    businessLine: 'all',
    trigger: { kind: 'date', field: 'maintenance_due' },
    offset: { amount: -7, unit: 'days' },
    channel: 'call',
    purpose: 'service',
    script: '您好，我是{{storeName}}的客服，您的{{assetName}}按保养周期下周该做保养了，帮您预约个时间好吗？',
  }),
  rule({
    code: 'inspection_due',
    nameZh: '年审到期提醒（提前30天）',
    nameEn: 'Annual inspection (年审) reminder, 30 days before',
    businessLine: 'automotive',
    trigger: { kind: 'date', field: 'inspection_due', assetKinds: ['vehicle'] },
    offset: { amount: -30, unit: 'days' },
    channel: 'call',
    purpose: 'service',
    script:
      '您好，我是{{storeName}}的客服，您的爱车{{assetNumber}}下个月该年审了，我们可以提前帮您检测，需要预约吗？',
  }),
  rule({
    code: 'birthday_greeting',
    nameZh: '生日祝福',
    nameEn: 'Birthday greeting',
    businessLine: 'all',
    trigger: { kind: 'date', field: 'birthday' },
    offset: { amount: 0, unit: 'days' },
    channel: 'sms',
    purpose: 'marketing',
    script: '{{customerName}}您好，今天是您的生日，{{storeName}}全体员工祝您生日快乐，万事如意！',
  }),
  rule({
    code: 'holiday_greeting',
    nameZh: '节日问候（节前一天）',
    nameEn: 'Public-holiday greeting (the day before)',
    businessLine: 'all',
    trigger: { kind: 'date', field: 'holiday' },
    offset: { amount: -1, unit: 'days' },
    channel: 'sms',
    purpose: 'marketing',
    script: '{{customerName}}您好，{{holidayName}}将至，{{storeName}}祝您和家人节日快乐！',
  }),
  rule({
    code: 'lapsed_recall_120',
    nameZh: '120天未到店：流失回厂邀约',
    nameEn: '120 days without a visit: lapsed-customer recall',
    businessLine: 'all',
    trigger: { kind: 'inactivity', days: 120 },
    offset: { amount: 0, unit: 'days' },
    channel: 'call',
    purpose: 'marketing',
    script:
      '您好，我是{{storeName}}的客服，好久没见您来店了，最近用着还好吗？本月到店有免费检测，给您预约一个时间？',
  }),
  rule({
    code: 'marketing_361',
    nameZh: '末次到店后361天：营销联系',
    nameEn: '361 days after the last visit: marketing contact',
    businessLine: 'all',
    trigger: { kind: 'inactivity', days: 361 },
    offset: { amount: 0, unit: 'days' },
    channel: 'call',
    purpose: 'marketing',
    script:
      '您好，我是{{storeName}}的客服，距离您上次来店快一年了，我们为老客户准备了回馈活动，给您简单介绍一下？',
  }),
  rule({
    code: 'retail_sale_call',
    nameZh: '零售：售出后24小时内回访（顾客满意度调查表）',
    nameEn: 'Retail: call within 24 hours of the sale, with the store satisfaction form',
    businessLine: 'retail',
    // Counted from the sale itself; 4 hours later the customer is home, and a late sale moves to the
    // next morning's contact hours — still inside 24 hours.
    trigger: { kind: 'event', event: 'order.placed' },
    offset: { amount: 4, unit: 'hours' },
    channel: 'call',
    purpose: 'service',
    script:
      '您好，我是{{storeName}}的客服，感谢您在我们店购物，耽误您两分钟，想请您对门店环境、购物过程、员工服务、商品安装和送货打个分，可以吗？',
    surveyTemplateCode: 'retail_store_satisfaction',
  }),
  rule({
    code: 'retail_thank_you_letter',
    nameZh: '零售：下单7天内寄感谢信',
    nameEn: 'Retail: thank-you letter within 7 days of the order',
    businessLine: 'retail',
    trigger: { kind: 'event', event: 'order.placed' },
    offset: { amount: 3, unit: 'days' },
    channel: 'letter',
    purpose: 'service',
    script: '感谢信：感谢{{customerName}}的惠顾，附保修说明与客服电话。',
  }),
  rule({
    code: 'retail_second_call',
    nameZh: '零售：感谢信寄出后第7天二次回访',
    nameEn: 'Retail: second call on the 7th day after the letter was sent',
    businessLine: 'retail',
    // Counted from the day the letter was actually sent (recorded on the letter task).
    trigger: { kind: 'event', event: 'care.letter_sent' },
    offset: { amount: 7, unit: 'days' },
    channel: 'call',
    purpose: 'service',
    script: '您好，我是{{storeName}}的客服，前几天给您寄了感谢信，收到了吗？商品用了一段时间，感觉怎么样？',
  }),
  rule({
    code: 'real_estate_residence',
    nameZh: '地产：集中入住3个月回访',
    nameEn: 'Real estate: residence follow-up 3 months after the estate’s main move-in',
    businessLine: 'real_estate',
    // Counted from the estate's main move-in date (one per estate/project), not each purchase.
    trigger: { kind: 'date', field: 'estate_move_in', assetKinds: ['house'] },
    offset: { amount: 3, unit: 'months' },
    channel: 'call',
    purpose: 'service',
    script:
      '您好，我是物业客服，您入住{{assetNumber}}已经三个月了，房屋使用上有没有需要维修或者不满意的地方？',
  }),
]);

/** The shipped default of a code, if there is one. */
export function shippedCareRule(code: string): CareRule | undefined {
  return SHIPPED_CARE_RULES.find((r) => r.code === code);
}
