import { pairsOf, pick, type ModuleBundle, type PairTree } from '../../i18n/module-bundles';
import { AUDIT_SUBJECT_TYPE_LABELS } from '../../../shared/audit';

// The audit log (操作日志) and the names of what it records. Each string is written once as [中文, English].
const strings: PairTree = {
  nav: {
    audit: ['操作日志', 'Audit log'],
  },
  title: ['操作日志', 'Audit log'],
  at: ['时间', 'Time'],
  actor: ['操作人', 'Actor'],
  action: ['操作', 'Action'],
  subjectType: ['对象类型', 'Subject type'],
  subjectId: ['对象', 'Subject'],
  actionCode: ['操作代码：{{code}}', 'Action code: {{code}}'],
  subjectCode: ['编号：{{id}}', 'ID: {{id}}'],
  subjectRef: ['对象编号', 'Subject ID'],
  ip: ['IP 地址', 'IP address'],
  dateRange: ['时间范围', 'Date range'],
  system: ['系统', 'System'],
  customerSurvey: ['客户（满意度调查）', 'Customer (satisfaction survey)'],
  customerLink: ['客户（派工单链接）', 'Customer (work-order link)'],
  customerPortal: ['客户（自助服务）', 'Customer (self-service)'],
  field: ['字段', 'Field'],
  before: ['变更前', 'Before'],
  after: ['变更后', 'After'],
  noChanges: ['没有字段变化', 'No field changed'],
  changedCount: ['{{count}} 个字段有变化', '{{count}} fields changed'],
  changedCount_one: ['{{count}} 个字段有变化', '{{count}} field changed'],
};

// Subject types by name (src/shared/audit.ts); the action names are read there directly.
const subjectTypeStrings: PairTree = pairsOf(AUDIT_SUBJECT_TYPE_LABELS);

export const auditI18n: ModuleBundle = {
  namespace: 'audit',
  zhCN: pick(strings, 0),
  en: pick(strings, 1),
};

export const subjectTypeI18n: ModuleBundle = {
  namespace: 'subjectType',
  zhCN: pick(subjectTypeStrings, 0),
  en: pick(subjectTypeStrings, 1),
};
