import { pairsOf, pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';
import { KB_SOURCE_KIND_LABELS, KB_VERSION_STATE_LABELS } from '../../../shared/knowledge';

// Knowledge base (知识库 · 答客问, KB-1…KB-3). [中文, English] once each.
const strings: PairTree = {
  nav: { articles: ['答客问', 'Approved answers'] },
  title: ['答客问（知识库）', 'Approved answers (knowledge base)'],
  hint: [
    '直接答复客户只能引用已审核发布、在有效期内的答客问（销售答客问、媒体报道中的客观事实、已发布的促销活动）。每次修改都会生成新版本并重新提交客服主管审核。',
    'A consultation is answered directly only from answers approved and within their validity (sales Q&A, facts from media reports, published promotions). Every edit is a new version that goes to the supervisor for approval again.',
  ],
  newArticle: ['新建答客问', 'New answer'],
  revise: ['修改（生成新版本）', 'Edit (new version)'],
  question: ['问题', 'Question'],
  answer: ['标准答复', 'Answer'],
  plainText: ['纯文本，保留换行', 'Plain text; line breaks are kept'],
  sourceKind: ['来源', 'Source'],
  source: pairsOf(KB_SOURCE_KIND_LABELS),
  state: pairsOf(KB_VERSION_STATE_LABELS),
  validFrom: ['生效日期', 'Valid from'],
  validUntil: ['失效日期', 'Valid until'],
  noEnd: ['长期有效', 'No end date'],
  unit: ['适用范围', 'Applies to'],
  owner: ['负责人', 'Owner'],
  approver: ['审核人', 'Approved by'],
  usage: ['引用次数', 'Times used'],
  version: ['版本', 'Version'],
  versions: ['版本记录', 'Versions'],
  offered: ['可用', 'Offered'],
  notOffered: ['不可用', 'Not offered'],
  filter: {
    all: ['全部', 'All'],
    offered: ['可用', 'Offered'],
    pending: ['审核中', 'Awaiting approval'],
    expired: ['已过期', 'Expired'],
  },
  search: ['搜索问题或答复', 'Search questions and answers'],
  submitted: ['已提交客服主管审核', 'Submitted for approval'],
  submit: ['提交审核', 'Submit for approval'],
  published: ['当前发布版本', 'Published version'],
  pendingVersion: ['待审核版本', 'Version awaiting approval'],
  suggest: {
    title: ['参考答复与类似案例', 'Suggested answers and similar cases'],
    empty: [
      '输入主题或描述后，这里会显示匹配的答客问和类似的已办结工单',
      'Type a subject or description to see matching answers and similar resolved tickets',
    ],
    answers: ['答客问', 'Approved answers'],
    tickets: ['类似的已办结工单', 'Similar resolved tickets'],
    insert: ['插入答复', 'Insert'],
    inserted: ['已插入答复，并记录引用', 'Answer inserted and its use recorded'],
    noAnswers: [
      '没有匹配的答客问：无法直接答复的，请转相关部门（间接答复）',
      'No approved answer matches: what cannot be answered directly goes to a department (indirect)',
    ],
    noTickets: ['没有类似的已办结工单', 'No similar resolved tickets'],
    resolution: ['当时的答复', 'How it was answered'],
    validUntil: ['有效期至 {{date}}', 'Valid until {{date}}'],
    used_one: ['已引用 {{count}} 次', 'Used {{count}} time'],
    used: ['已引用 {{count}} 次', 'Used {{count}} times'],
  },
};

export const knowledgeI18n: ModuleBundle = {
  namespace: 'knowledge',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};
