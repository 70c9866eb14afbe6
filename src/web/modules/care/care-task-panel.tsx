import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  List,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import { SurveyForm } from '../surveys';
import { useCan } from '../../auth/use-me';
import { CareDial, FollowsUpLink } from './care-dial';
import {
  CARE_API,
  CARE_KEY,
  CARE_PERM,
  CARE_OUTCOMES,
  type CareOutcome,
  type CareTask,
  type TaskDetail,
} from './care-api';

/** The selected task (CARE-5): why, customer card, script, objection answers, history, survey, outcome. */
export function CareTaskPanel({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const key = [CARE_KEY, 'task', taskId];
  const detail = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<TaskDetail>(`${CARE_API}/tasks/${taskId}`, undefined, signal),
  });
  const [note, setNote] = useState('');
  const [callBackAt, setCallBackAt] = useState<Dayjs | null>(null);
  const [issue, setIssue] = useState('');
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: [CARE_KEY] });
  };
  const [sentOn, setSentOn] = useState<Dayjs | null>(null);
  // CARE-1 retail: the second call counts from the day the letter actually went out.
  const letterSent = useMutation({
    mutationFn: () =>
      post<CareTask>(`${CARE_API}/tasks/${taskId}/letter-sent`, {
        ...(sentOn ? { sentAt: sentOn.hour(12).minute(0).second(0).toISOString() } : {}),
      }),
    onSuccess: async () => {
      notifySuccess(t('care.letter.done'));
      await refresh();
    },
    onError: showError,
  });
  const claim = useMutation({
    mutationFn: () => post<CareTask>(`${CARE_API}/tasks/${taskId}/claim`),
    onSuccess: async () => {
      notifySuccess(t('care.worklist.claimed'));
      await refresh();
    },
    onError: showError,
  });
  const release = useMutation({
    mutationFn: () => post<CareTask>(`${CARE_API}/tasks/${taskId}/release`),
    onSuccess: refresh,
    onError: showError,
  });
  const record = useMutation({
    mutationFn: (outcome: CareOutcome) =>
      post<CareTask>(`${CARE_API}/tasks/${taskId}/attempts`, {
        outcome,
        note: note || null,
        callBackAt: outcome === 'call_back' && callBackAt ? callBackAt.toISOString() : null,
        issue: outcome === 'reached_issue' && issue.trim() ? { subject: issue.trim() } : null,
      }),
    onSuccess: async (task) => {
      notifySuccess(
        task.state === 'sms_fallback'
          ? t('care.worklist.smsFallback')
          : task.linkedTicketId
            ? t('care.worklist.ticketOpened')
            : t('care.worklist.recorded'),
      );
      setNote('');
      setIssue('');
      setCallBackAt(null);
      await refresh();
    },
    onError: showError,
  });

  const task = detail.data?.task;
  const canRecord = !!task && task.state === 'open' && task.claimedByMe;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA'].includes(target.tagName)) return;
      if (!task || task.state !== 'open') return;
      if (e.key === 'Enter' && !task.claimedByMe && !claim.isPending) {
        e.preventDefault();
        claim.mutate();
      }
      const n = Number(e.key);
      const outcome = CARE_OUTCOMES[n - 1];
      if (canRecord && outcome && !record.isPending && outcome !== 'call_back' && outcome !== 'reached_issue')
        record.mutate(outcome);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [task, canRecord, claim, record]);

  if (detail.isLoading) return <Spin />;
  if (!detail.data || !task) return <Alert type="error" showIcon title={t('care.detail.loadFailed')} />;
  const d = detail.data;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="care-task-panel">
      <Card
        title={
          <Space>
            <Typography.Text strong>{d.customer?.name ?? '—'}</Typography.Text>
            <Tag color="blue">{task.ruleName}</Tag>
            <Tag>{t(`care.channel.${task.channel}`)}</Tag>
            <Tag color={task.state === 'open' ? 'processing' : 'default'} data-testid="care-task-state">
              {t(`care.state.${task.state}`)}
            </Tag>
          </Space>
        }
        extra={
          task.state === 'open' &&
          (task.claimedByMe ? (
            <Button onClick={() => release.mutate()}>{t('care.worklist.release')}</Button>
          ) : (
            <Button
              type="primary"
              loading={claim.isPending}
              onClick={() => claim.mutate()}
              data-testid="care-claim"
            >
              {t('care.worklist.claim')}
            </Button>
          ))
        }
      >
        {d.customer?.specialAttention && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${t('care.detail.specialAttention')}：${d.customer.specialAttention.reason}`}
          />
        )}
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('care.worklist.due')}>{formatTime(task.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('care.detail.attempts')}>
            <span data-testid="care-attempts">{task.attempts}</span>
          </Descriptions.Item>
          {task.note && (
            <Descriptions.Item label={t('care.detail.taskNote')}>
              <span data-testid="care-task-note">{task.note}</span>
            </Descriptions.Item>
          )}
          {d.followsUp && (
            <Descriptions.Item label={t('care.detail.followsUp')}>
              <FollowsUpLink followsUp={d.followsUp} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('care.detail.phones')}>
            <CareDial
              taskId={task.id}
              maskedPhones={d.customer?.phones.map((p) => p.number) ?? []}
              canWork={task.state === 'open' && can(CARE_PERM.work)}
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('care.detail.assets')}>
            {d.customer?.assets.map((a) => [a.name, a.number].filter(Boolean).join(' ')).join('，') || '—'}
          </Descriptions.Item>
          {task.linkedTicketId && (
            <Descriptions.Item label={t('care.detail.linkedTicket')}>
              <Link to={`/tickets/${task.linkedTicketId}`}>{t('care.detail.linkedTicket')}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        {d.members.length > 0 && (
          <Alert
            type="info"
            showIcon
            title={t('care.worklist.mergedWith', { reasons: d.members.map((m) => m.ruleName).join('、') })}
          />
        )}
      </Card>
      <Card size="small" title={t('care.detail.script')}>
        <Typography.Paragraph data-testid="care-script">{d.script}</Typography.Paragraph>
        {d.memberScripts.map((m) => (
          <Typography.Paragraph key={m.ruleName} type="secondary">
            {m.ruleName}：{m.script}
          </Typography.Paragraph>
        ))}
        <Typography.Text strong>{t('care.detail.objections')}</Typography.Text>
        {d.objections.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('care.detail.noObjections')}</Typography.Paragraph>
        ) : (
          <Collapse
            size="small"
            items={d.objections.map((o) => ({ key: o.id, label: o.objection, children: o.answer }))}
          />
        )}
      </Card>
      {task.surveyInvitationId ? (
        <SurveyForm invitationId={task.surveyInvitationId} />
      ) : (
        <Typography.Text type="secondary">{t('care.detail.noSurvey')}</Typography.Text>
      )}
      {task.state === 'open' && task.channel === 'letter' && (
        <Card size="small" title={t('care.letter.title')}>
          <Space wrap>
            <DatePicker value={sentOn} onChange={setSentOn} placeholder={t('care.letter.sentOn')} />
            <Button
              type="primary"
              disabled={!can(CARE_PERM.work)}
              loading={letterSent.isPending}
              onClick={() => letterSent.mutate()}
              data-testid="care-letter-sent"
            >
              {t('care.letter.markSent')}
            </Button>
          </Space>
        </Card>
      )}
      {task.state === 'open' && task.channel !== 'letter' && (
        <Card size="small" title={t('care.detail.outcome')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('care.detail.note')}
            />
            <Space wrap>
              <DatePicker
                showTime
                value={callBackAt}
                onChange={setCallBackAt}
                placeholder={t('care.detail.callBackAt')}
              />
              <Input
                style={{ width: 320 }}
                maxLength={200}
                value={issue}
                onChange={(e) => setIssue(e.target.value)}
                placeholder={t('care.detail.issueSubject')}
              />
            </Space>
            <Space wrap>
              {CARE_OUTCOMES.map((o, i) => (
                <Button
                  key={o}
                  disabled={!canRecord || (o === 'call_back' && !callBackAt)}
                  loading={record.isPending && record.variables === o}
                  danger={o === 'reached_issue' || o === 'refused'}
                  onClick={() => record.mutate(o)}
                  data-testid={`care-outcome-${o}`}
                >
                  {i + 1}. {t(`care.outcome.${o}`)}
                </Button>
              ))}
            </Space>
          </Space>
        </Card>
      )}
      <Card size="small" title={t('care.detail.history')}>
        <Tabs
          size="small"
          items={[
            {
              key: 'attempts',
              label: t('care.detail.attempts'),
              children: (
                <List
                  size="small"
                  dataSource={d.attempts}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                  renderItem={(a) => (
                    <List.Item>
                      {formatTime(a.at)} · {t(`care.outcome.${a.outcome}`)} {a.note ? `· ${a.note}` : ''}
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'tickets',
              label: t('care.detail.tickets'),
              children: (
                <List
                  size="small"
                  dataSource={d.history.tickets}
                  renderItem={(x) => (
                    <List.Item>
                      <Link to={`/tickets/${x.id}`}>{x.number}</Link> · {x.subject} ·{' '}
                      {formatTime(x.receivedAt)}
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'contacts',
              label: t('care.detail.contacts'),
              children: (
                <List
                  size="small"
                  dataSource={d.history.contacts}
                  renderItem={(x) => (
                    <List.Item>
                      {formatTime(x.occurredAt)} · {x.summary ?? '—'}
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'care',
              label: t('care.detail.careTasks'),
              children: (
                <List
                  size="small"
                  dataSource={d.history.careTasks}
                  renderItem={(x) => (
                    <List.Item>
                      {formatTime(x.dueAt)} · {x.ruleName} · {t(`care.state.${x.state}`)}
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
