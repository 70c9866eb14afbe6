import type { z } from 'zod';
import type { Deps } from '../../app/context';
import { arraySource, pagedSource, type ListExport } from '../../app/list-export';
import { labelsIn } from '../../../shared/common';
import {
  BUSINESS_LINE_LABELS,
  CARE_CHANNEL_LABELS,
  CARE_DATE_FIELD_LABELS,
  CARE_EVENT_LABELS,
  CARE_OFFSET_UNIT_LABELS,
  CARE_PURPOSE_LABELS,
  CARE_TASK_STATE_LABELS,
  type objectionExportQuery,
  type ruleExportQuery,
  type unitExportQuery,
  type worklistQuery,
} from '../../../shared/care';
import { displayNames } from '../org/org.service';
import * as detail from './care.detail';
import * as estates from './care.estates';
import * as uc from './care.usecases';

type WorklistFilter = Omit<z.output<typeof worklistQuery>, 'page' | 'pageSize'>;
type WorklistRow = Awaited<ReturnType<typeof uc.worklist>>['items'][number];

const CHANNEL_ZH = labelsIn(CARE_CHANNEL_LABELS, 'zh');
const STATE_ZH = labelsIn(CARE_TASK_STATE_LABELS, 'zh');

/** 回访工作台 as Excel: every follow-up of the worklist's filter (today's or all), in its order. */
export const careTasksExport: ListExport<WorklistFilter, WorklistRow> = {
  name: 'care_tasks',
  title: '回访任务',
  permission: 'care.read',
  columns: [
    { header: '到期时间', width: 18, kind: 'datetime', value: (r) => r.task.dueAt },
    { header: '客户', width: 14, value: (r) => r.customer?.name },
    { header: '回访原因', width: 24, value: (r) => r.task.ruleName },
    { header: '跟进的工单/派工单', width: 20, value: (r) => r.followsUp?.number },
    { header: '门店', width: 16, value: (r) => r.unitName },
    { header: '方式', width: 8, value: (r) => CHANNEL_ZH[r.task.channel] },
    { header: '已拨打次数', width: 10, kind: 'integer', value: (r) => r.task.attempts },
    { header: '状态', width: 10, value: (r) => STATE_ZH[r.task.state] },
  ],
  open: (deps: Deps, actor, query) =>
    pagedSource((page, pageSize) =>
      uc.worklist(deps, actor, { ...query, mine: query.mine ?? false, page, pageSize }),
    ),
};

type RuleRow = Awaited<ReturnType<typeof uc.listRules>>[number];
const PURPOSE_ZH = labelsIn(CARE_PURPOSE_LABELS, 'zh');
const EVENT_ZH = labelsIn(CARE_EVENT_LABELS, 'zh');
const FIELD_ZH = labelsIn(CARE_DATE_FIELD_LABELS, 'zh');
const OFFSET_UNIT_ZH = labelsIn(CARE_OFFSET_UNIT_LABELS, 'zh');
const LINE_ZH = labelsIn(BUSINESS_LINE_LABELS, 'zh');

function triggerZh(rule: RuleRow['rule']): string {
  const t = rule.trigger;
  if (t.kind === 'event') return `事件：${EVENT_ZH[t.event]}`;
  if (t.kind === 'inactivity') return `${t.days} 天未到店`;
  return `日期：${FIELD_ZH[t.field]}`;
}

/** 关怀规则 as Excel (CARE-1): the rules in force at the unit, shipped, inherited or set there. */
export const careRulesExport: ListExport<z.output<typeof ruleExportQuery>, RuleRow> = {
  name: 'care_rules',
  title: '关怀规则',
  permission: 'care.read',
  columns: [
    { header: '规则代码', width: 22, value: (r) => r.rule.code },
    { header: '规则', width: 20, value: (r) => r.rule.nameZh },
    { header: '触发', width: 20, value: (r) => triggerZh(r.rule) },
    {
      header: '时间',
      width: 12,
      value: (r) =>
        `${r.rule.offset.amount >= 0 ? '+' : ''}${r.rule.offset.amount} ${OFFSET_UNIT_ZH[r.rule.offset.unit]}`,
    },
    { header: '方式', width: 8, value: (r) => CHANNEL_ZH[r.rule.channel] },
    { header: '性质', width: 8, value: (r) => PURPOSE_ZH[r.rule.purpose] },
    { header: '业务线', width: 10, value: (r) => LINE_ZH[r.rule.businessLine] },
    { header: '启用', width: 6, value: (r) => (r.rule.enabled ? '是' : '否') },
    {
      header: '来源',
      width: 12,
      value: (r) => (r.ownHere ? '本单位设置' : r.fromUnitId ? '继承上级' : '系统预置'),
    },
    { header: '话术', width: 60, value: (r) => r.rule.script },
  ],
  open: async (deps: Deps, actor, query) => arraySource(await uc.listRules(deps, actor, query.unitId)),
};

type ObjectionRow = Awaited<ReturnType<typeof detail.listObjections>>[number] & {
  ruleName: string;
  updatedByName: string;
};

/** 常见异议应答 as Excel (CARE-6): the answers kept at the unit and above, for one rule or all. */
export const careObjectionsExport: ListExport<z.output<typeof objectionExportQuery>, ObjectionRow> = {
  name: 'care_objections',
  title: '异议应答',
  permission: 'care.read',
  columns: [
    { header: '适用规则', width: 20, value: (r) => r.ruleName },
    { header: '客户异议', width: 36, value: (r) => r.objection },
    { header: '标准应答', width: 60, value: (r) => r.answer },
    { header: '排序', width: 6, kind: 'integer', value: (r) => r.sortOrder },
    { header: '修改人', width: 12, value: (r) => r.updatedByName },
    { header: '修改时间', width: 18, kind: 'datetime', value: (r) => r.updatedAt },
  ],
  open: async (deps: Deps, actor, query) => {
    const rows = await detail.listObjections(deps, actor, query.unitId, query.ruleCode ?? null);
    const rules = new Map(
      (await uc.listRules(deps, actor, query.unitId)).map((r) => [r.rule.code, r.rule.nameZh]),
    );
    const people = await displayNames(
      deps.db,
      rows.map((r) => r.updatedBy),
    );
    return arraySource(
      rows.map((r) => ({
        ...r,
        ruleName: r.ruleCode ? (rules.get(r.ruleCode) ?? r.ruleCode) : '所有规则',
        updatedByName: r.updatedBy ? (people.get(r.updatedBy) ?? '') : '',
      })),
    );
  },
};

type EstateRow = Awaited<ReturnType<typeof estates.estateFollowUps>>['items'][number];
const OUTCOME_ZH: Record<string, string> = {
  reached_satisfied: '已接通·满意',
  reached_issue: '已接通·有问题',
  no_answer: '无人接听',
  unreachable: '无法接通',
  wrong_number: '号码错误',
  refused: '拒绝回访',
  call_back: '约定再联系',
};

/** 入住回访表 as Excel (CARE-1 real estate): every house of the estate, its call and the result. */
export const estateFollowUpsExport: ListExport<z.output<typeof unitExportQuery>, EstateRow> = {
  name: 'estate_follow_ups',
  title: '入住回访表',
  permission: 'care.read',
  columns: [
    { header: '应回访日期', width: 12, value: (r) => r.dueDate },
    { header: '业主', width: 14, value: (r) => r.customerName },
    { header: '房号', width: 20, value: (r) => r.house },
    { header: '状态', width: 10, value: (r) => STATE_ZH[r.state as keyof typeof STATE_ZH] },
    {
      header: '回访结果',
      width: 14,
      value: (r) => (r.outcome ? (OUTCOME_ZH[r.outcome] ?? r.outcome) : ''),
    },
    { header: '客户意见', width: 40, value: (r) => r.outcomeNote },
    { header: '完成时间', width: 18, value: (r) => r.doneAt },
  ],
  open: async (deps: Deps, actor, query) =>
    arraySource((await estates.estateFollowUps(deps, actor, query.unitId)).items),
};
