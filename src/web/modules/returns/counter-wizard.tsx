import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  List,
  Radio,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReturnKind, ReturnReason } from '../../../shared/returns';
import { get, localizedMessage, post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { formatYuan, parseYuan } from '../workorders/money';
import { outcomeColour, type Order, type ReturnDecisionView, type ReturnRequestView } from './returns-api';

type Finding = 'defect' | 'misuse' | 'no_fault' | null;

/** The decision with its rule and the sentence the customer hears (RET-10). */
export function DecisionCard({ decision }: { decision: ReturnDecisionView }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" data-testid="decision" title={t('returns.detail.decision')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={outcomeColour(decision.outcome)}>{t(`returns.outcome.${decision.outcome}`)}</Tag>
          <Tag>{decision.rule}</Tag>
          <Typography.Text>
            {t('returns.detail.fee')} {formatYuan(decision.feeFen)} · {t('returns.detail.refund')}{' '}
            {formatYuan(decision.refundFen)}
          </Typography.Text>
        </Space>
        <Typography.Paragraph
          strong
          style={{ fontSize: 16, marginBottom: 0 }}
          data-testid="decision-sentence"
        >
          {i18n.language.startsWith('zh') ? decision.explanation.zh : decision.explanation.en}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {t('returns.detail.policyVersion')}：{decision.policyVersion}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** 受理新申请: order → reason (RET-1, first) → facts → the decision with its sentence → recorded. */
export function CounterWizard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [order, setOrder] = useState<Order | null>(null);
  const [lineId, setLineId] = useState<string | null>(null);
  const [kind, setKind] = useState<ReturnKind>('return');
  const [reason, setReason] = useState<ReturnReason>('change_of_mind');
  const [reasonDetail, setReasonDetail] = useState('');
  const [solutionOffered, setSolutionOffered] = useState('');
  const [packaging, setPackaging] = useState<'opened' | 'unopened' | undefined>();
  const [intact, setIntact] = useState(true);
  const [inspection, setInspection] = useState<Finding>(null);
  const [insists, setInsists] = useState(false);
  const [refundText, setRefundText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const orders = useQuery({
    queryKey: ['orders', 'search', q],
    queryFn: ({ signal }) =>
      get<{ items: Order[] }>('/api/v1/orders', { q: q || undefined, pageSize: 10 }, signal),
  });
  const line = order?.lines.find((l) => l.id === lineId) ?? null;
  const facts = {
    orderLineId: lineId,
    kind,
    reason,
    inspection,
    customerInsists: insists,
    intact,
    ...(packaging ? { packaging } : {}),
  };
  const preview = useMutation({
    mutationFn: () => post<ReturnDecisionView>('/api/v1/returns/preview', facts),
    onSuccess: () => {
      setError(null);
      setStep(3);
    },
    onError: (e) => setError(localizedMessage(e)),
  });
  const create = useMutation({
    mutationFn: () => {
      const refundFen = refundText.trim() ? parseYuan(refundText) : null;
      return post<ReturnRequestView>('/api/v1/returns', {
        ...facts,
        reasonDetail,
        solutionOffered: solutionOffered.trim() || null,
        refundFen,
      });
    },
    onSuccess: (r) => navigate(`/returns/${r.id}`),
    onError: (e) => setError(localizedMessage(e)),
  });

  return (
    <div style={{ maxWidth: 860 }}>
      <Typography.Title level={3}>{t('returns.newRequest')}</Typography.Title>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { title: t('returns.wizard.order') },
          { title: t('returns.wizard.reasonStep') },
          { title: t('returns.wizard.facts') },
          { title: t('returns.wizard.decision') },
        ]}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="wizard-error"
        />
      )}
      {step === 0 && (
        <Flex vertical gap={12}>
          <Input.Search
            allowClear
            placeholder={t('returns.wizard.searchOrder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="order-search"
          />
          <List
            loading={orders.isLoading}
            locale={{ emptyText: t('returns.wizard.noOrders') }}
            dataSource={orders.data?.items ?? []}
            renderItem={(o) => (
              <List.Item>
                <Flex vertical style={{ width: '100%' }} gap={4}>
                  <Typography.Text strong>
                    {o.orderNo} · {o.customerName ?? ''} · {o.unitName} · {formatTime(o.orderedAt)}
                  </Typography.Text>
                  {o.lines.map((l) => (
                    <Button
                      key={l.id}
                      block
                      style={{ textAlign: 'left', height: 'auto', whiteSpace: 'normal' }}
                      type={l.id === lineId ? 'primary' : 'default'}
                      data-testid="pick-line"
                      onClick={() => {
                        setOrder(o);
                        setLineId(l.id);
                        setPackaging(undefined);
                        setStep(1);
                      }}
                    >
                      {l.product} {l.model ?? ''} · {t('returns.wizard.paid')} {formatYuan(l.paidFen)}{' '}
                      {l.custom && <Tag>{t('returns.wizard.flags.custom')}</Tag>}
                      {l.clearance && <Tag>{t('returns.wizard.flags.clearance')}</Tag>}
                      {l.specialOffer && <Tag>{t('returns.wizard.flags.specialOffer')}</Tag>}
                    </Button>
                  ))}
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      )}
      {step === 1 && line && (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon message={t('returns.wizard.reasonHint')} />
          <Typography.Text strong>{t('returns.wizard.kindLabel')}</Typography.Text>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as ReturnKind)}
            options={(['cancel', 'return', 'exchange'] as const).map((k) => ({
              value: k,
              label: t(`returns.kind.${k}`),
            }))}
            data-testid="kind"
          />
          <Typography.Text strong>{t('returns.wizard.reasonLabel')}</Typography.Text>
          <Radio.Group
            value={reason}
            onChange={(e) => setReason(e.target.value as ReturnReason)}
            options={(['change_of_mind', 'quality'] as const).map((k) => ({
              value: k,
              label: t(`returns.reason.${k}`),
            }))}
          />
          <Input.TextArea
            rows={3}
            placeholder={t('returns.wizard.reasonDetail')}
            value={reasonDetail}
            onChange={(e) => setReasonDetail(e.target.value)}
            data-testid="reason-detail"
          />
          <Input
            placeholder={t('returns.wizard.solutionOffered')}
            value={solutionOffered}
            onChange={(e) => setSolutionOffered(e.target.value)}
          />
          <Space>
            <Button onClick={() => setStep(0)}>{t('returns.wizard.back')}</Button>
            <Button type="primary" disabled={reasonDetail.trim().length < 2} onClick={() => setStep(2)}>
              {t('returns.wizard.next')}
            </Button>
          </Space>
        </Flex>
      )}
      {step === 2 && line && (
        <Flex vertical gap={12}>
          <Space wrap>
            <Typography.Text>{t('returns.wizard.packaging')}</Typography.Text>
            <Radio.Group
              value={packaging ?? line.packaging}
              onChange={(e) => setPackaging(e.target.value as 'opened' | 'unopened')}
              options={[
                { value: 'unopened', label: t('returns.wizard.unopened') },
                { value: 'opened', label: t('returns.wizard.opened') },
              ]}
            />
          </Space>
          <Checkbox checked={intact} onChange={(e) => setIntact(e.target.checked)}>
            {t('returns.wizard.intact')}
          </Checkbox>
          {reason === 'quality' && (
            <Space wrap>
              <Typography.Text>{t('returns.wizard.inspectionLabel')}</Typography.Text>
              <Select
                style={{ minWidth: 180 }}
                value={inspection ?? 'none'}
                onChange={(v: string) => setInspection(v === 'none' ? null : (v as Finding))}
                options={(['none', 'defect', 'misuse', 'no_fault'] as const).map((v) => ({
                  value: v,
                  label: t(`returns.inspection.${v}`),
                }))}
              />
              <Checkbox checked={insists} onChange={(e) => setInsists(e.target.checked)}>
                {t('returns.wizard.insists')}
              </Checkbox>
            </Space>
          )}
          <Space>
            <Button onClick={() => setStep(1)}>{t('returns.wizard.back')}</Button>
            <Button
              type="primary"
              loading={preview.isPending}
              onClick={() => preview.mutate()}
              data-testid="see-decision"
            >
              {t('returns.wizard.check')}
            </Button>
          </Space>
        </Flex>
      )}
      {step === 3 && preview.data && (
        <Flex vertical gap={12}>
          <DecisionCard decision={preview.data} />
          {preview.data.outcome === 'allowed' && preview.data.refundFen > 0 && (
            <Input
              style={{ maxWidth: 320 }}
              addonBefore={t('returns.wizard.refund')}
              placeholder={formatYuan(preview.data.refundFen)}
              value={refundText}
              onChange={(e) => setRefundText(e.target.value)}
              data-testid="refund"
            />
          )}
          <Space>
            <Button onClick={() => setStep(2)}>{t('returns.wizard.back')}</Button>
            <Button
              type="primary"
              loading={create.isPending}
              onClick={() => create.mutate()}
              data-testid="create-request"
            >
              {t('returns.wizard.create')}
            </Button>
          </Space>
        </Flex>
      )}
    </div>
  );
}
