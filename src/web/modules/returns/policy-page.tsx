import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { policiesResponse } from '../../../shared/returns';
import { get, localizedMessage, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { parseYuan } from '../workorders/money';
import { DecisionCard } from './counter-wizard';
import type { ReturnDecisionView } from './returns-api';
import { ListTable } from '../../components/list-table';

type Policies = z.infer<typeof policiesResponse>;
interface Params {
  freeCancellationHours: number;
  cancellationFeePercent: number;
  returnDays: number;
  onlineReturnDays: number;
}

/** 退换货政策: the versions of the unit, a new version from now on, and the "what would happen" tester. */
export function PolicyPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { unitId, myUnits } = useCurrentUnit();
  const [unit, setUnit] = useState<string | undefined>(unitId);
  const [params, setParams] = useState<Params>({
    freeCancellationHours: 48,
    cancellationFeePercent: 10,
    returnDays: 7,
    onlineReturnDays: 30,
  });
  const [effectiveFrom, setEffectiveFrom] = useState<Dayjs | null>(dayjs().add(1, 'day').startOf('day'));
  const [error, setError] = useState<string | null>(null);
  const versions = useQuery({
    queryKey: ['returns', 'policies', unit],
    enabled: !!unit,
    queryFn: ({ signal }) => get<Policies>('/api/v1/returns/policies', { unitId: unit }, signal),
  });
  const publish = useMutation({
    mutationFn: () =>
      post('/api/v1/returns/policies', {
        unitId: unit,
        effectiveFrom: effectiveFrom!.toISOString(),
        ...params,
      }),
    onSuccess: async () => {
      setError(null);
      notifySuccess(t('returns.policy.add'));
      await qc.invalidateQueries({ queryKey: ['returns', 'policies'] });
    },
    onError: (e) => setError(localizedMessage(e)),
  });

  // Tester facts.
  const [kind, setKind] = useState<'cancel' | 'return' | 'exchange'>('cancel');
  const [channel, setChannel] = useState<'store' | 'online'>('store');
  const [fulfilment, setFulfilment] = useState<'delivery' | 'self_pickup'>('delivery');
  const [price, setPrice] = useState('8600');
  const [flags, setFlags] = useState<string[]>([]);
  const [orderedAt, setOrderedAt] = useState<Dayjs | null>(dayjs().subtract(3, 'day'));
  const [handedOverAt, setHandedOverAt] = useState<Dayjs | null>(null);
  const [at, setAt] = useState<Dayjs | null>(dayjs());
  const [useDraft, setUseDraft] = useState(false);
  const test = useMutation({
    mutationFn: () => {
      const fen = parseYuan(price) ?? 0;
      return post<ReturnDecisionView>('/api/v1/returns/policies/test', {
        unitId: unit,
        at: at!.toISOString(),
        line: {
          channel,
          fulfilment,
          priceFen: fen,
          paidFen: fen,
          custom: flags.includes('custom'),
          clearance: flags.includes('clearance'),
          specialOffer: flags.includes('specialOffer'),
          orderedAt: orderedAt!.toISOString(),
          paidAt: orderedAt!.toISOString(),
          handedOverAt: handedOverAt?.toISOString() ?? null,
          packaging: flags.includes('opened') ? 'opened' : 'unopened',
          intact: !flags.includes('damaged'),
        },
        kind,
        reason: 'change_of_mind',
        inspection: null,
        customerInsists: false,
        draft: useDraft ? params : null,
      });
    },
    onError: (e) => setError(localizedMessage(e)),
  });
  const field = (key: keyof Params, max: number) => (
    <Form.Item label={t(`returns.policy.${key}`)} style={{ marginBottom: 8 }}>
      <InputNumber
        min={0}
        max={max}
        value={params[key]}
        onChange={(v) => setParams({ ...params, [key]: v ?? 0 })}
      />
    </Form.Item>
  );
  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('returns.policy.title')}
        </Typography.Title>
        <Select
          style={{ minWidth: 200 }}
          value={unit}
          onChange={setUnit}
          options={myUnits.map((u) => ({ value: u.id, label: u.name }))}
        />
      </Flex>
      {error && <Alert type="error" showIcon message={error} />}
      <Card size="small" title={t('returns.policy.versions')}>
        <Typography.Paragraph>
          {t('returns.policy.inForce')}：
          {versions.data?.inForce ? (
            <Tag color="green">{versions.data.inForce.version}</Tag>
          ) : (
            t('returns.policy.default')
          )}
        </Typography.Paragraph>
        <ListTable
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={versions.data?.items ?? []}
          columns={[
            { title: t('returns.policy.version'), dataIndex: 'version' },
            { title: t('returns.policy.effectiveFrom'), render: (_, p) => formatTime(p.effectiveFrom) },
            { title: t('returns.policy.freeCancellationHours'), dataIndex: 'freeCancellationHours' },
            { title: t('returns.policy.cancellationFeePercent'), dataIndex: 'cancellationFeePercent' },
            { title: t('returns.policy.returnDays'), dataIndex: 'returnDays' },
            { title: t('returns.policy.onlineReturnDays'), dataIndex: 'onlineReturnDays' },
          ]}
        />
      </Card>
      <Card size="small" title={t('returns.policy.add')}>
        <Typography.Paragraph type="secondary">{t('returns.policy.addHint')}</Typography.Paragraph>
        <Form layout="inline">
          {field('freeCancellationHours', 2160)}
          {field('cancellationFeePercent', 100)}
          {field('returnDays', 365)}
          {field('onlineReturnDays', 365)}
          <Form.Item label={t('returns.policy.effectiveFrom')}>
            <DatePicker showTime value={effectiveFrom} onChange={setEffectiveFrom} />
          </Form.Item>
          <Button
            type="primary"
            disabled={!unit || !effectiveFrom}
            loading={publish.isPending}
            onClick={() => publish.mutate()}
          >
            {t('returns.policy.add')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('returns.policy.tester')} data-testid="policy-tester">
        <Typography.Paragraph type="secondary">{t('returns.policy.testerHint')}</Typography.Paragraph>
        <Flex vertical gap={8}>
          <Flex wrap gap={8}>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as typeof kind)}
              options={(['cancel', 'return', 'exchange'] as const).map((k) => ({
                value: k,
                label: t(`returns.kind.${k}`),
              }))}
            />
            <Radio.Group
              value={channel}
              onChange={(e) => setChannel(e.target.value as typeof channel)}
              options={[
                { value: 'store', label: t('returns.policy.store') },
                { value: 'online', label: t('returns.policy.online') },
              ]}
            />
            <Radio.Group
              value={fulfilment}
              onChange={(e) => setFulfilment(e.target.value as typeof fulfilment)}
              options={[
                { value: 'delivery', label: t('returns.policy.delivery') },
                { value: 'self_pickup', label: t('returns.policy.selfPickup') },
              ]}
            />
          </Flex>
          <Flex wrap gap={8}>
            <Input
              style={{ width: 200 }}
              addonBefore={t('returns.policy.priceYuan')}
              value={price}
              onChange={(e) => setPrice(e.target.value)}
            />
            <Checkbox.Group
              value={flags}
              onChange={(v) => setFlags(v as string[])}
              options={[
                { value: 'custom', label: t('returns.wizard.flags.custom') },
                { value: 'clearance', label: t('returns.wizard.flags.clearance') },
                { value: 'specialOffer', label: t('returns.wizard.flags.specialOffer') },
                { value: 'opened', label: t('returns.wizard.opened') },
              ]}
            />
          </Flex>
          <Flex wrap gap={8} align="center">
            <span>{t('returns.policy.orderedAt')}</span>
            <DatePicker showTime value={orderedAt} onChange={setOrderedAt} />
            <span>{t('returns.policy.handedOverAt')}</span>
            <DatePicker showTime value={handedOverAt} onChange={setHandedOverAt} />
            <span>{t('returns.policy.at')}</span>
            <DatePicker showTime value={at} onChange={setAt} />
          </Flex>
          <Checkbox checked={useDraft} onChange={(e) => setUseDraft(e.target.checked)}>
            {t('returns.policy.useDraft')}
          </Checkbox>
          <div>
            <Button
              type="primary"
              disabled={!unit || !orderedAt || !at}
              loading={test.isPending}
              onClick={() => test.mutate()}
              data-testid="run-test"
            >
              {t('returns.policy.run')}
            </Button>
          </div>
          {test.data && <DecisionCard decision={test.data} />}
        </Flex>
      </Card>
    </Flex>
  );
}
