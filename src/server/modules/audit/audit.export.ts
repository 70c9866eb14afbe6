import { pagedSource, type ListExport } from '../../app/list-export';
import { auditActionLabel, auditSubjectTypeLabel, type AuditEntry } from '../../../shared/audit';
import { listAudit, type AuditQuery } from './audit.usecases';

type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'>;

// An Excel cell holds at most 32,767 characters; a change set beyond a screenful is cut.
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v).slice(0, 2000));

/** 操作日志 as Excel (ORG-4): the trail of the list's filter, in the caller's scope. */
export const auditExport: ListExport<AuditFilter, AuditEntry> = {
  name: 'audit',
  title: '操作日志',
  permission: 'audit.read',
  columns: [
    { header: '时间', width: 18, kind: 'datetime', value: (e) => e.at },
    { header: '操作人', width: 12, value: (e) => e.actor?.displayName ?? '系统' },
    { header: '操作', width: 28, value: (e) => auditActionLabel(e.action, 'zh') },
    { header: '操作代码', width: 28, value: (e) => e.action },
    { header: '对象类型', width: 16, value: (e) => auditSubjectTypeLabel(e.subjectType, 'zh') },
    { header: '对象', width: 24, value: (e) => e.subjectLabel ?? null },
    { header: '对象 ID', width: 38, value: (e) => e.subjectId },
    { header: 'IP', width: 16, value: (e) => e.ip },
    { header: '变更前', width: 40, value: (e) => json(e.before) },
    { header: '变更后', width: 40, value: (e) => json(e.after) },
  ],
  open: (deps, actor, query) =>
    pagedSource((page, pageSize) => listAudit(deps, actor, { ...query, page, pageSize })),
};
