import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { get, localizedMessage, post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { formatYuan } from '../workorders/money';
import { isMoneyField, isTimeField, useJourneyLabels } from './journey-labels';
import { CloseJourneyButton, JourneyClosedNotice } from './journey-close';
import { JourneyLinks } from './journey-links';
import { JourneyPrintableForms } from './journey-print';
import { JOURNEYS_KEY, type JourneyDetail } from './journeys-api';

/** One journey: its stage timeline, what the current stage still needs, and the ways to record it. */
export function JourneyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const client = useQueryClient();
  const key = [JOURNEYS_KEY, 'one', id];
  const journey = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<JourneyDetail>(`/api/v1/journeys/${id}`, undefined, signal),
  });
  const changed = (j: JourneyDetail) => {
    client.setQueryData(key, j);
    void client.invalidateQueries({ queryKey: [JOURNEYS_KEY, 'list'] });
    void client.invalidateQueries({ queryKey: [JOURNEYS_KEY, 'linked'] });
  };
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      post<JourneyDetail>(`/api/v1/journeys/${id}/${path}`, body),
    onSuccess: (j) => changed(j),
    onError: (e) => void message.error(localizedMessage(e)),
  });
  const { label, value: shown } = useJourneyLabels();
  const [fieldValues, setFieldValues] = useState<Record<string, string | number | Dayjs | null>>({});
  const j = journey.data;
  if (!j) return null;
  const stageName = (k: string) => {
    const s = j.template.stages.find((x) => x.key === k);
    return s ? (en ? s.nameEn : s.nameZh) : k;
  };
  const current = j.template.stages.find((s) => s.key === j.stage);
  const next = current?.next && 'question' in current.next ? current.next : null;
  const m = j.missing;
  const complete =
    m.forms.length + m.fields.length + m.documents.length + m.approvals.length + m.rules.length === 0 &&
    !m.payment;
  const dueRow = m.payment ? j.payments.find((p) => p.key === m.payment) : undefined;
  const paymentName = (key: string) => {
    const p = j.template.stages.find((s) => s.payment?.key === key)?.payment;
    return p ? (en ? p.nameEn : p.nameZh) : key;
  };
  /** What the field's input holds, as the API takes it: fen for money, an instant for a time. */
  const typed = (f: string) => {
    const raw = fieldValues[f];
    if (raw === null || raw === undefined || raw === '') return undefined;
    if (isMoneyField(f)) return Math.round(Number(raw) * 100);
    if (isTimeField(f)) return (raw as Dayjs).toISOString();
    return typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  };
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {en ? j.templateNameEn : j.templateNameZh} v{j.templateVersion} · {j.customerName}
        </Typography.Title>
        <Flex gap={12} align="center">
          <Link to={`/journeys/board?template=${encodeURIComponent(j.templateCode)}`}>
            {t('journeys.board.open')}
          </Link>
          <CloseJourneyButton
            journey={j}
            busy={act.isPending}
            onClose={(reason) => act.mutate({ path: 'cancel', body: { reason } })}
          />
        </Flex>
      </Flex>
      <JourneyClosedNotice journey={j} />
      <JourneyLinks journey={j} onChanged={changed} />
      <Card size="small" title={t('journeys.timeline')}>
        <Steps
          direction="vertical"
          size="small"
          current={j.history.length - 1}
          status={j.stage === null ? 'finish' : j.overdue ? 'error' : 'process'}
          items={j.history.map((h) => ({
            title: stageName(h.stage),
            description: (
              <span data-testid={`timeline-${h.stage}`}>
                {t('journeys.entered')} {formatTime(h.enteredAt)}
                {h.dueAt && ` · ${t('journeys.due')} ${formatTime(h.dueAt)}`}
                {h.leftAt && ` · ${t('journeys.left')} ${formatTime(h.leftAt)}`}
                {h.answer != null && ` · ${h.answer ? t('journeys.answerYes') : t('journeys.answerNo')}`}
              </span>
            ),
          }))}
        />
        {j.stage === null && <Tag color="green">{t('journeys.finished')}</Tag>}
      </Card>
      {current && (
        <Card
          size="small"
          title={
            <Space>
              {stageName(current.key)}
              <Tag>{label('role', current.role)}</Tag>
              {j.stageDueAt && (
                <Tag color={j.overdue ? 'red' : 'blue'}>
                  {t('journeys.due')} {formatTime(j.stageDueAt)}
                </Tag>
              )}
            </Space>
          }
        >
          {complete ? (
            <Alert type="success" showIcon message={t('journeys.nothingMissing')} />
          ) : (
            <Alert
              type="warning"
              showIcon
              data-testid="journey-missing"
              message={t('journeys.missing')}
              description={
                <Flex vertical gap={6}>
                  {m.forms.map((f) => (
                    <Space key={`f-${f}`}>
                      {t('journeys.forms')}: <b>{label('form', f)}</b>
                      <Button
                        size="small"
                        onClick={() => act.mutate({ path: 'record', body: { forms: [f] } })}
                      >
                        {t('journeys.record')}
                      </Button>
                    </Space>
                  ))}
                  {m.documents.map((d) => (
                    <Space key={`d-${d}`}>
                      {t('journeys.documents')}: <b>{label('document', d)}</b>
                      <Button
                        size="small"
                        onClick={() => act.mutate({ path: 'record', body: { documents: [d] } })}
                      >
                        {t('journeys.record')}
                      </Button>
                    </Space>
                  ))}
                  {m.fields.map((f) => (
                    <Space key={`v-${f}`}>
                      {t('journeys.fields')}: <b>{label('field', f)}</b>
                      {isMoneyField(f) ? (
                        <InputNumber
                          size="small"
                          min={0}
                          precision={2}
                          prefix="¥"
                          data-testid={`field-${f}`}
                          value={(fieldValues[f] as number | null | undefined) ?? null}
                          onChange={(v) => setFieldValues({ ...fieldValues, [f]: v })}
                        />
                      ) : isTimeField(f) ? (
                        <DatePicker
                          size="small"
                          showTime={{ format: 'HH:mm' }}
                          format="YYYY-MM-DD HH:mm"
                          data-testid={`field-${f}`}
                          value={(fieldValues[f] as Dayjs | null | undefined) ?? null}
                          onChange={(v) => setFieldValues({ ...fieldValues, [f]: v })}
                        />
                      ) : (
                        <Input
                          size="small"
                          placeholder={t('journeys.fieldValue')}
                          data-testid={`field-${f}`}
                          value={(fieldValues[f] as string | undefined) ?? ''}
                          onChange={(e) => setFieldValues({ ...fieldValues, [f]: e.target.value })}
                        />
                      )}
                      <Button
                        size="small"
                        disabled={typed(f) === undefined}
                        onClick={() => act.mutate({ path: 'record', body: { fields: { [f]: typed(f) } } })}
                      >
                        {t('journeys.record')}
                      </Button>
                    </Space>
                  ))}
                  {m.approvals.map((a) => {
                    const asked = j.approvalRequests.find((r) => r.key === a);
                    return (
                      <Space key={`a-${a}`}>
                        {t('journeys.approvals')}: <b>{label('approval', a)}</b>
                        {asked && asked.status !== 'sent_back' ? (
                          <Tag>{t(`journeys.approvalStatus.${asked.status}`)}</Tag>
                        ) : (
                          <Button
                            size="small"
                            onClick={() => act.mutate({ path: 'approvals', body: { key: a } })}
                          >
                            {t('journeys.askApproval')}
                          </Button>
                        )}
                      </Space>
                    );
                  })}
                  {m.payment && (
                    <Space>
                      {t('journeys.payment')}: <b>{paymentName(m.payment)}</b>
                      {dueRow && formatYuan(dueRow.amountFen)}
                      <Button
                        size="small"
                        disabled={!dueRow}
                        onClick={() =>
                          act.mutate({
                            path: 'payments',
                            body: { key: m.payment, amountFen: dueRow!.amountFen },
                          })
                        }
                      >
                        {t('journeys.receive')}
                      </Button>
                    </Space>
                  )}
                  {m.rules.map((r) => (
                    <Typography.Text key={r} type="danger">
                      {t('journeys.rules')}: {t(`journeys.rule.${r}`)}
                    </Typography.Text>
                  ))}
                </Flex>
              }
            />
          )}
          <Flex gap={8} style={{ marginTop: 12 }}>
            {next ? (
              <>
                <Typography.Text strong>{en ? next.question : next.questionZh}</Typography.Text>
                <Button type="primary" onClick={() => act.mutate({ path: 'leave', body: { answer: true } })}>
                  {t('journeys.answerYes')}
                </Button>
                <Button onClick={() => act.mutate({ path: 'leave', body: { answer: false } })}>
                  {t('journeys.answerNo')}
                </Button>
              </>
            ) : (
              <Button
                type="primary"
                data-testid="leave-stage"
                onClick={() => act.mutate({ path: 'leave', body: {} })}
              >
                {t('journeys.leave')}
              </Button>
            )}
          </Flex>
        </Card>
      )}
      {j.payments.length > 0 && (
        <Card size="small" title={t('journeys.payments')}>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={j.payments}
            columns={[
              {
                title: t('journeys.payment'),
                render: (_, p) => `${paymentName(p.key)} · ${stageName(p.stage)}`,
              },
              { title: t('journeys.amount'), render: (_, p) => formatYuan(p.amountFen) },
              {
                title: t('journeys.due'),
                render: (_, p) => {
                  const late = !p.receivedAt && p.dueAt && new Date(p.dueAt).getTime() < Date.now();
                  return p.dueAt ? (
                    <span style={late ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                      {formatTime(p.dueAt)} {late && <Tag color="red">{t('journeys.overdue')}</Tag>}
                    </span>
                  ) : (
                    '—'
                  );
                },
              },
              {
                title: t('journeys.received'),
                render: (_, p) =>
                  p.receivedAt ? `${formatYuan(p.receivedFen ?? 0)} · ${formatTime(p.receivedAt)}` : '—',
              },
            ]}
          />
        </Card>
      )}
      <JourneyPrintableForms journey={j} />
      <Card size="small" title={t('journeys.recorded')}>
        <Flex vertical gap={4}>
          <span>
            {t('journeys.forms')}: {j.forms.map((f) => label('form', f)).join('、') || '—'}
          </span>
          <span>
            {t('journeys.documents')}: {j.documents.map((d) => label('document', d)).join('、') || '—'}
          </span>
          <span>
            {t('journeys.approvals')}: {j.approvals.map((a) => label('approval', a)).join('、') || '—'}
          </span>
          <span>
            {t('journeys.fields')}:{' '}
            {Object.entries(j.fields)
              .map(([k, v]) => `${label('field', k)}：${shown(k, v)}`)
              .join('；') || '—'}
          </span>
        </Flex>
      </Card>
    </Flex>
  );
}
