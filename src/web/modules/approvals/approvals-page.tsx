import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, List, Modal, Space, Steps, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { approvalInboxSchema, ApprovalRequestView } from '../../../shared/approvals';
import { STAGE_LABELS } from '../../../domain/approvals';
import { DEFAULT_ROLES } from '../../../domain/permissions/permissions.roles';
import { get, localizedMessage, post } from '../../api/client';
import { notifySuccess } from '../../lib/notify';
import { formatYuan } from '../workorders/money';
import { DelegationsCard } from './delegations-card';

type Inbox = z.infer<typeof approvalInboxSchema>;
export const APPROVALS_KEY = 'approvals';

/**
 * A stage's name in the reader's language: its own name where the subject gave one (a journey
 * approval's steps), else the shipped label, else the key as written.
 */
export function stageName(
  key: string,
  language: string,
  own?: { nameZh?: string | undefined; nameEn?: string | undefined },
): string {
  const zh = language.startsWith('zh');
  const named = zh ? own?.nameZh : own?.nameEn;
  if (named) return named;
  const label = STAGE_LABELS[key];
  return label ? (zh ? label.zh : label.en) : key;
}

const ROLE_NAMES = new Map(DEFAULT_ROLES.map((r) => [r.code, r]));
/** A role's name in the reader's language (a company's own role shows its code). */
const roleName = (code: string, language: string) => {
  const role = ROLE_NAMES.get(code);
  return role ? (language.startsWith('zh') ? role.nameZh : role.nameEn) : code;
};

/**
 * Each stage of the request's chain with who signed it in this round, and whom the current stage
 * waits for (JRN-5: the supervisor signed, the vice-president is next).
 */
function ChainSteps({ r }: { r: ApprovalRequestView }) {
  const { t, i18n } = useTranslation();
  const current = r.stages.findIndex((s) => s.key === r.currentStage);
  const signed = (key: string) =>
    r.steps.filter((st) => st.round === r.round && st.stage === key && st.decision === 'approved').at(-1);
  return (
    <Steps
      size="small"
      orientation="vertical"
      data-testid="approval-chain"
      current={r.status === 'approved' ? r.stages.length : Math.max(current, 0)}
      status={r.status === 'sent_back' ? 'error' : undefined}
      items={r.stages.map((s, index) => {
        const by = signed(s.key);
        const waiting = r.status === 'pending' && index === current;
        return {
          title: stageName(s.key, i18n.language, s),
          description: by ? (
            <span data-testid="approval-chain-signed">
              {t('approvals.signedBy', {
                name: by.onBehalfOfName
                  ? `${by.byName}（${t('approvals.onBehalfOf', { name: by.onBehalfOfName })}）`
                  : by.byName,
                when: dayjs(by.at).format('MM-DD HH:mm'),
              })}
            </span>
          ) : waiting ? (
            <span data-testid="approval-chain-next">
              {t('approvals.waitingFor', {
                roles: r.awaitedRoles.map((c) => roleName(c, i18n.language)).join(' / '),
              })}
            </span>
          ) : undefined,
        };
      })}
    />
  );
}

/** Where the request's own record lives: the return request, the complaint, the account request, the work order. */
const SUBJECT_PAGES: Record<string, (id: string) => string> = {
  return_request: (id) => `/returns/${id}`,
  complaint_close_out: (id) => `/tickets/${id}`,
  account_request: () => '/org/account-requests',
  work_order_quote: (id) => `/workorders/${id}`,
  work_order_field_record: (id) => `/workorders/${id}`,
  kb_article_version: (id) => `/knowledge/articles/${id}`,
  customer_export: () => '/customers/access',
  customer_erasure: () => '/customers',
};
const subjectLink = (r: ApprovalRequestView) => SUBJECT_PAGES[r.subjectType]?.(r.subjectId) ?? null;

function RequestCard({ r, actions }: { r: ApprovalRequestView; actions: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [sendingBack, setSendingBack] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (body: { action: 'approve' } | { action: 'send-back'; reason: string }) =>
      post(
        `/api/v1/approvals/${r.id}/${body.action}`,
        body.action === 'send-back' ? { reason: body.reason } : {},
      ),
    onSuccess: async (_d, body) => {
      notifySuccess(body.action === 'approve' ? t('approvals.approved') : t('approvals.sentBack'));
      setSendingBack(false);
      setReason('');
      await qc.invalidateQueries({ queryKey: [APPROVALS_KEY] });
    },
    onError: (e) => setError(localizedMessage(e)),
  });
  const link = subjectLink(r);
  return (
    <Card size="small" data-testid="approval-card" style={{ width: '100%' }}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" wrap gap={4}>
          <Typography.Text strong>
            {t(`approvals.kind.${r.kind}`, { defaultValue: r.kind })} · {r.title}
          </Typography.Text>
          <Tag color={r.status === 'sent_back' ? 'orange' : r.status === 'approved' ? 'green' : 'blue'}>
            {t(`approvals.status.${r.status}`)}
          </Tag>
        </Flex>
        {r.due && (
          <Space size={4} wrap data-testid="approval-due">
            <Tag color={r.due.state === 'overdue' ? 'red' : r.due.state === 'at_risk' ? 'orange' : 'default'}>
              {t(`approvals.dueState.${r.due.state}`)}
            </Tag>
            <Typography.Text type={r.due.state === 'overdue' ? 'danger' : 'secondary'}>
              {t('approvals.dueBy', { when: dayjs(r.due.dueAt).format('MM-DD HH:mm') })}
            </Typography.Text>
          </Space>
        )}
        <Typography.Text type="secondary">
          {r.unitName} · {t('approvals.requester')}：{r.requesterName}
          {r.amountFen !== null ? ` · ${t('approvals.amount')}：${formatYuan(r.amountFen)}` : ''} ·{' '}
          {t('approvals.round', { round: r.round })}
        </Typography.Text>
        <ChainSteps r={r} />
        {r.steps.filter((s) => s.decision === 'sent_back').length > 0 && (
          <Typography.Text type="warning" data-testid="sent-back-reason">
            {t('approvals.reason')}：{r.steps.filter((s) => s.decision === 'sent_back').at(-1)!.reason}
          </Typography.Text>
        )}
        <Space wrap>
          {link && <Link to={link}>{t('approvals.open')}</Link>}
          {actions && r.can.decide && (
            <>
              <Button
                type="primary"
                loading={decide.isPending}
                onClick={() => decide.mutate({ action: 'approve' })}
              >
                {t('approvals.approve')}
              </Button>
              <Button danger onClick={() => setSendingBack(true)}>
                {t('approvals.sendBack')}
              </Button>
            </>
          )}
        </Space>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Flex>
      <Modal
        open={sendingBack}
        title={t('approvals.sendBackTitle')}
        okText={t('approvals.sendBack')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: decide.isPending }}
        onOk={() => decide.mutate({ action: 'send-back', reason })}
        onCancel={() => setSendingBack(false)}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          placeholder={t('approvals.reasonRequired')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="send-back-reason"
        />
      </Modal>
    </Card>
  );
}

/** 审批: what waits for me, what I filed; one column of cards so it reads on a phone (375 px). */
export function ApprovalsPage() {
  const { t } = useTranslation();
  // Both tabs are paged on the server: what waits soonest due first, my own newest change first.
  const [waitingPage, setWaitingPage] = useState({ page: 1, pageSize: 20 });
  const [minePage, setMinePage] = useState({ page: 1, pageSize: 20 });
  const inbox = useQuery({
    queryKey: [APPROVALS_KEY, 'inbox', waitingPage, minePage],
    queryFn: ({ signal }) =>
      get<Inbox>(
        '/api/v1/approvals/inbox',
        {
          page: waitingPage.page,
          pageSize: waitingPage.pageSize,
          minePage: minePage.page,
          minePageSize: minePage.pageSize,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const list = (
    items: ApprovalRequestView[] | undefined,
    actions: boolean,
    empty: string,
    paging: {
      page: number;
      pageSize: number;
      total: number;
      set: (p: { page: number; pageSize: number }) => void;
    },
    testId: string,
  ) =>
    items && items.length === 0 && paging.page === 1 ? (
      <Empty description={empty} />
    ) : (
      <List
        loading={inbox.isFetching}
        dataSource={items ?? []}
        data-testid={testId}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: paging.total,
          size: 'small',
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { total: n }),
          hideOnSinglePage: paging.total <= 10,
          onChange: (page, pageSize) =>
            paging.set({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
        renderItem={(r) => (
          <List.Item style={{ paddingInline: 0 }}>
            <RequestCard r={r} actions={actions} />
          </List.Item>
        )}
      />
    );
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={3}>{t('approvals.title')}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'waiting',
            label: `${t('approvals.waiting')} (${inbox.data?.waitingTotal ?? 0})`,
            children: list(
              inbox.data?.waiting,
              true,
              t('approvals.empty'),
              { ...waitingPage, total: inbox.data?.waitingTotal ?? 0, set: setWaitingPage },
              'approvals-waiting',
            ),
          },
          {
            key: 'mine',
            label: `${t('approvals.mine')} (${inbox.data?.mineTotal ?? 0})`,
            children: list(
              inbox.data?.mine,
              false,
              t('approvals.emptyMine'),
              { ...minePage, total: inbox.data?.mineTotal ?? 0, set: setMinePage },
              'approvals-mine',
            ),
          },
          { key: 'delegates', label: t('approvals.delegations'), children: <DelegationsCard /> },
        ]}
      />
    </div>
  );
}
