/**
 * Message templates: text with {{variables}} filled in per customer. The catalogue of variables is
 * closed, so a template naming one nobody fills is refused when it is saved, not when it is sent.
 */

export const MESSAGE_CHANNELS = ['sms', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_PURPOSES = ['service', 'marketing'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** Every variable a template may use, with its label and a sample value for previews. */
export const TEMPLATE_VARIABLES = {
  customerName: { zh: '客户姓名', en: 'Customer name', sample: '王女士' },
  advisorName: { zh: '服务顾问', en: 'Advisor name', sample: '李明' },
  advisorPhone: { zh: '顾问电话', en: 'Advisor phone', sample: '13800138000' },
  storeName: { zh: '门店名称', en: 'Store name', sample: '朝阳门店' },
  storePhone: { zh: '门店电话', en: 'Store phone', sample: '010-88886666' },
  storeAddress: { zh: '门店地址', en: 'Store address', sample: '朝阳区建国路 88 号' },
  companyName: { zh: '公司名称', en: 'Company name', sample: '安家家居' },
  technicianName: { zh: '师傅姓名', en: 'Technician name', sample: '张师傅' },
  technicianPhone: { zh: '师傅电话', en: 'Technician phone', sample: '13900139000' },
  appointmentTime: { zh: '预约时间', en: 'Appointment time', sample: '3月5日 14:00' },
  window: { zh: '上门时段', en: 'Visit window', sample: '3月5日 14:00–16:00' },
  serviceName: { zh: '服务项目', en: 'Service', sample: '空调清洗' },
  ticketNumber: { zh: '工单号', en: 'Ticket number', sample: 'T20260305001' },
  workOrderNumber: { zh: '服务单号', en: 'Work order number', sample: 'W20260305001' },
  surveyUrl: { zh: '问卷链接', en: 'Survey link', sample: 'https://kefu.example.cn/c/abc' },
  url: { zh: '链接', en: 'Link', sample: 'https://kefu.example.cn/c/abc' },
  date: { zh: '日期', en: 'Date', sample: '2026年3月5日' },
  orderNumber: { zh: '订单号', en: 'Order number', sample: 'SO20260301001' },
  refundAmount: { zh: '退款金额（元）', en: 'Refund amount (yuan)', sample: '8600.00' },
} as const satisfies Record<string, { zh: string; en: string; sample: string }>;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct variable names a text uses, in order of first appearance. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Variables a template uses that are not in the catalogue (refused at save, each one named). */
export function unknownVariables(...texts: (string | null | undefined)[]): string[] {
  const known = new Set(Object.keys(TEMPLATE_VARIABLES));
  return [...new Set(texts.flatMap((t) => (t ? variablesIn(t) : [])))].filter((v) => !known.has(v));
}

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[] };

/** Fills every {{variable}}; a variable without a non-empty value makes the whole render fail. */
export function renderTemplate(text: string, values: Readonly<Record<string, string>>): RenderResult {
  const missing = variablesIn(text).filter((v) => !(values[v] ?? '').trim());
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, text: text.replace(PLACEHOLDER, (_, name: string) => values[name]!) };
}

/** Sample values of the catalogue, for previews. */
export function sampleVariables(): Record<string, string> {
  return Object.fromEntries(Object.entries(TEMPLATE_VARIABLES).map(([k, v]) => [k, v.sample]));
}

export interface ShippedTemplate {
  code: string;
  channel: MessageChannel;
  nameZh: string;
  nameEn: string;
  subject: string | null;
  body: string;
}

/**
 * Templates every installation starts with; a unit (or an ancestor) may store its own text under
 * the same code, and the nearest one wins. Other modules send these codes.
 */
export const SHIPPED_TEMPLATES: readonly ShippedTemplate[] = [
  {
    code: 'care_sms_fallback',
    channel: 'sms',
    nameZh: '回访未接通短信',
    nameEn: 'Follow-up fallback SMS',
    subject: null,
    body: '{{customerName}}您好，我们是{{storeName}}客服，近日几次致电回访都未能接通。您对我们的服务如有任何意见或需要帮助，请拨打{{storePhone}}，我们随时为您服务。',
  },
  {
    code: 'service_done_sms',
    channel: 'sms',
    nameZh: '服务完成回访短信',
    nameEn: 'Service completed SMS',
    subject: null,
    body: '{{customerName}}您好，您在{{storeName}}的服务已经完成，感谢您的信任。使用中有任何问题，请拨打{{storePhone}}联系我们。',
  },
  {
    code: 'survey_invitation',
    channel: 'sms',
    nameZh: '满意度调查邀请',
    nameEn: 'Satisfaction survey invitation',
    subject: null,
    body: '{{customerName}}您好，感谢您选择{{storeName}}。耽误您一分钟，请对本次服务打个分：{{surveyUrl}}',
  },
  {
    code: 'survey_invitation_email',
    channel: 'email',
    nameZh: '满意度调查邀请（邮件）',
    nameEn: 'Satisfaction survey invitation (email)',
    subject: '{{storeName}}邀请您评价本次服务',
    body: '{{customerName}}您好：\n\n感谢您选择{{storeName}}。耽误您一分钟，请点击下面的链接为本次服务打分，您的意见会直接转给门店负责人：\n{{surveyUrl}}\n\n{{storeName}}客服中心',
  },
  {
    code: 'appointment_reminder',
    channel: 'sms',
    nameZh: '上门预约提醒',
    nameEn: 'Appointment reminder',
    subject: null,
    body: '{{customerName}}您好，{{technicianName}}师傅将于{{window}}上门服务，联系电话{{technicianPhone}}。如需改约请提前告知，谢谢！',
  },
  {
    code: 'workorder_link',
    channel: 'sms',
    nameZh: '服务单进度链接',
    nameEn: 'Work order link',
    subject: null,
    body: '{{customerName}}您好，您的服务单进度可随时在这里查看：{{url}}',
  },
  {
    // RET-2 / RET-8: the last step of an approved cancellation or return.
    code: 'return_refund_notice',
    channel: 'sms',
    nameZh: '退款领取通知',
    nameEn: 'Refund collection notice',
    subject: null,
    body: '{{customerName}}您好，您在{{storeName}}的订单{{orderNumber}}退款申请已审批通过，退款金额{{refundAmount}}元。请携带购物小票或发票到{{storeAddress}}服务台办理领取，如有疑问请致电{{storePhone}}。',
  },
];

/** The shipped template of a code, if there is one. */
export function shippedTemplate(code: string): ShippedTemplate | undefined {
  return SHIPPED_TEMPLATES.find((t) => t.code === code);
}
