/**
 * Shipped survey templates (SAT-2, SAT-3). A unit may save its own version of any code; until
 * then the shipped one is used. Wording is the way a store's customer-service desk asks.
 */
import type { SurveyQuestion } from './questions';

export interface ShippedSurveyTemplate {
  code: string;
  name: string;
  description: string;
  questions: SurveyQuestion[];
}

export const DEFAULT_SURVEY_TEMPLATE = 'csat_after_service';

export const SHIPPED_SURVEY_TEMPLATES: readonly ShippedSurveyTemplate[] = [
  {
    code: 'csat_after_service',
    name: '服务满意度回访',
    description: '服务完成后的满意度回访（CSAT 1–5 分）',
    questions: [
      { id: 'csat', kind: 'csat', label: '您对本次服务总体满意吗？', required: true },
      {
        id: 'aspects',
        kind: 'multiple',
        label: '您觉得哪些方面做得好？（可多选）',
        required: false,
        options: [
          { value: 'attitude', label: '服务态度' },
          { value: 'punctuality', label: '准时守约' },
          { value: 'workmanship', label: '专业技术' },
          { value: 'cleanliness', label: '现场整洁' },
          { value: 'speed', label: '处理速度' },
        ],
      },
      { id: 'comment', kind: 'text', label: '还有什么意见或建议，请告诉我们', required: false },
    ],
  },
  {
    // CARE-1 retail: the manual's 顾客满意度调查表, asked in the call within 24 hours of the sale.
    code: 'retail_store_satisfaction',
    name: '顾客满意度调查表',
    description: '零售售出后24小时内回访：门店环境、购物过程、员工态度与服务、商品及安装、送货',
    questions: [
      { id: 'store_environment', kind: 'csat', label: '您对门店环境满意吗？', required: true },
      { id: 'buying_process', kind: 'csat', label: '您对这次的购物过程满意吗？', required: true },
      { id: 'staff_service', kind: 'csat', label: '您对店员的服务态度和服务满意吗？', required: true },
      { id: 'product_installation', kind: 'csat', label: '您对商品及安装满意吗？', required: true },
      { id: 'delivery', kind: 'csat', label: '您对送货满意吗？', required: true },
      { id: 'comment', kind: 'text', label: '还有什么意见或建议，请告诉我们', required: false },
    ],
  },
  {
    code: 'nps_relationship',
    name: '推荐意愿调查',
    description: '客户关系调查（NPS 0–10 分）',
    questions: [
      {
        id: 'nps',
        kind: 'nps',
        label: '您有多大可能把我们推荐给亲友？（0 = 完全不可能，10 = 非常可能）',
        required: true,
      },
      { id: 'reason', kind: 'text', label: '您给出这个分数的主要原因是什么？', required: false },
    ],
  },
  {
    code: 'complaint_result',
    name: '投诉处理结果评价',
    description: '投诉/整改结案后，请客户评价处理结果（SAT-2）',
    questions: [
      {
        id: 'result',
        kind: 'satisfaction',
        label: '您对我们这次的处理结果满意吗？',
        required: true,
      },
      { id: 'comment', kind: 'text', label: '请说说您的看法', required: false },
    ],
  },
];

/** The shipped template with this code, if any. */
export function shippedSurveyTemplate(code: string): ShippedSurveyTemplate | undefined {
  return SHIPPED_SURVEY_TEMPLATES.find((t) => t.code === code);
}
