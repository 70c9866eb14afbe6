import type { z } from 'zod';
import type { MessageChannel, MessagePurpose } from '../../../domain/messages/templates';
import type { MessageState } from '../../../domain/messages/outbox';
import { arraySource, pagedSource, type ListExport } from '../../app/list-export';
import { presentMessage, presentTemplate } from './messages.presenter';
import type {
  listMessagesQuery,
  listTemplatesQuery,
  messageSchema,
  templateSchema,
} from './messages.schemas';
import * as outbox from './outbox.usecases';
import * as templates from './templates.usecases';

type OutboxFilter = Omit<z.output<typeof listMessagesQuery>, 'page' | 'pageSize'>;
type OutboxRow = z.infer<typeof messageSchema>;
type TemplateRow = z.infer<typeof templateSchema>;

// The outbox page's own words (messages.i18n.ts), so the workbook says what the screen says.
const CHANNEL_ZH: Record<MessageChannel, string> = { sms: '短信', email: '邮件' };
const PURPOSE_ZH: Record<MessagePurpose, string> = { service: '服务通知', marketing: '营销' };
const STATE_ZH: Record<MessageState, string> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已发出',
  delivered: '已送达',
  failed: '发送失败',
  cancelled: '已取消',
};
const REASON_ZH: Record<string, string> = {
  marketing_opt_out: '客户已拒收营销信息',
  attempts_exhausted: '多次重试仍失败',
  refused: '通道拒收（号码或邮箱有误）',
  cancelled_by_user: '人工取消',
  undeliverable: '网关回执：未能送达',
};
const PROVIDER_ZH: Record<string, string> = {
  outbox: '演示通道（未真正发出）',
  webhook: '短信网关',
  smtp: 'SMTP 邮件',
};

/** The demo channel "sends" by keeping the message: never call that 已发出 (issue 16). */
const stateText = (m: OutboxRow) =>
  m.state === 'sent' && m.provider === 'outbox' ? '仅存于发件箱，未发出' : STATE_ZH[m.state];

/** 发件箱 as Excel: every message of the outbox's filter in the caller's units (ORG-1). */
export const outboxExport: ListExport<OutboxFilter, OutboxRow> = {
  name: 'messages',
  title: '发件箱',
  permission: 'messages.read',
  columns: [
    { header: '创建时间', width: 18, kind: 'datetime', value: (m) => m.createdAt },
    { header: '状态', width: 18, value: stateText },
    {
      header: '原因',
      width: 22,
      value: (m) => (m.stateReason ? (REASON_ZH[m.stateReason] ?? m.stateReason) : null),
    },
    { header: '渠道', width: 8, value: (m) => CHANNEL_ZH[m.channel] },
    { header: '收件人', width: 22, value: (m) => m.recipient },
    { header: '单位', width: 16, value: (m) => m.unitName },
    { header: '用途', width: 10, value: (m) => PURPOSE_ZH[m.purpose] },
    { header: '模板', width: 18, value: (m) => m.templateCode },
    { header: '邮件主题', width: 24, value: (m) => m.subject },
    { header: '内容', width: 60, value: (m) => m.body },
    { header: '计划发送', width: 18, kind: 'datetime', value: (m) => m.nextAttemptAt },
    { header: '发出时间', width: 18, kind: 'datetime', value: (m) => m.sentAt },
    { header: '尝试次数', width: 8, kind: 'integer', value: (m) => m.attempts },
    {
      header: '通道',
      width: 20,
      value: (m) => (m.provider ? (PROVIDER_ZH[m.provider] ?? m.provider) : null),
    },
    { header: '最近错误', width: 30, value: (m) => m.lastError },
  ],
  open: (deps, actor, query) =>
    pagedSource(async (page, pageSize) => {
      const r = await outbox.listMessages(deps, actor, { ...query, page, pageSize });
      return { items: r.items.map(presentMessage), total: r.total };
    }),
};

/** 消息模板 as Excel: the templates in force at a unit and where each text comes from. */
export const templatesExport: ListExport<z.output<typeof listTemplatesQuery>, TemplateRow> = {
  name: 'message_templates',
  title: '消息模板',
  permission: 'messages.read',
  columns: [
    { header: '编码', width: 24, value: (r) => r.code },
    { header: '名称', width: 20, value: (r) => r.name },
    { header: '渠道', width: 8, value: (r) => CHANNEL_ZH[r.channel] },
    { header: '邮件主题', width: 24, value: (r) => r.subject },
    { header: '内容', width: 70, value: (r) => r.body },
    {
      header: '来源',
      width: 10,
      value: (r) => (!r.inherited ? '本单位' : r.id === null ? '系统默认' : '沿用上级'),
    },
    { header: '修改时间', width: 18, kind: 'datetime', value: (r) => r.updatedAt },
  ],
  open: async (deps, actor, query) =>
    arraySource((await templates.listTemplates(deps, actor, query.unitId)).map(presentTemplate)),
};
