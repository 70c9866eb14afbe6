import { useState } from 'react';
import { Button, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatYuan, fenToYuanInput, parseYuan } from './money';
import { useWorkOrderAction } from './workorders-api';
import { FAULT_FINDINGS } from '../../../shared/workorders';
import type { FaultFinding, WorkOrder } from '../../../shared/workorders';

export interface DiagnosisValue {
  finding: FaultFinding | null;
  note: string;
}

/** 故障原因 (REP-5): one of the short list plus words; sent with the completion. */
export function DiagnosisFields({
  value,
  onChange,
}: {
  value: DiagnosisValue;
  onChange: (v: DiagnosisValue) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Select
        size="large"
        value={value.finding ?? undefined}
        placeholder={t('workOrders.diagnosis.pick')}
        onChange={(finding: FaultFinding) => onChange({ ...value, finding })}
        options={FAULT_FINDINGS.map((f) => ({ value: f, label: t(`workOrders.finding.${f}`) }))}
        data-testid="diagnosis-finding"
      />
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={value.note}
        onChange={(e) => onChange({ ...value, note: e.target.value })}
        placeholder={t('workOrders.diagnosis.note')}
        data-testid="diagnosis-note"
      />
      {!value.finding && (
        <Typography.Text type="warning">{t('workOrders.diagnosis.required')}</Typography.Text>
      )}
    </Flex>
  );
}

interface Line {
  kind: 'service' | 'part';
  name: string;
  quantity: number;
  price: string;
}

/**
 * The charges of a charged order (PAY-3), recorded on site as the order's quote items: typed in
 * yuan, sent in fen. Once a price is confirmed the technician reads them only.
 */
export function ChargesEditor({ workOrder }: { workOrder: WorkOrder }) {
  const { t } = useTranslation();
  const action = useWorkOrderAction(workOrder.id);
  const [lines, setLines] = useState<Line[]>(
    workOrder.quote?.lines.map((l) => ({
      kind: l.kind,
      name: l.name,
      quantity: l.quantity,
      price: fenToYuanInput(l.unitPriceFen),
    })) ?? [{ kind: 'service', name: '', quantity: 1, price: '' }],
  );
  const parsed = lines.map((l) => ({ ...l, fen: parseYuan(l.price) }));
  const valid = parsed.length > 0 && parsed.every((l) => l.name.trim() && l.fen !== null && l.quantity >= 1);
  const total = parsed.reduce((sum, l) => sum + (l.fen ?? 0) * l.quantity, 0);
  const set = (i: number, patch: Partial<Line>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('workOrders.charges.intro')}</Typography.Text>
      {lines.map((l, i) => (
        <Flex key={i} gap={6} wrap>
          <Select
            style={{ width: 90 }}
            value={l.kind}
            onChange={(kind: Line['kind']) => set(i, { kind })}
            options={[
              { value: 'service', label: t('workOrders.charges.service') },
              { value: 'part', label: t('workOrders.charges.part') },
            ]}
          />
          <Input
            style={{ flex: 1, minWidth: 120 }}
            value={l.name}
            maxLength={100}
            placeholder={t('workOrders.charges.item')}
            onChange={(e) => set(i, { name: e.target.value })}
            data-testid={`charge-name-${i}`}
          />
          <InputNumber
            style={{ width: 70 }}
            min={1}
            precision={0}
            value={l.quantity}
            onChange={(v) => set(i, { quantity: v ?? 1 })}
            aria-label={t('workOrders.charges.quantity')}
          />
          <Input
            style={{ width: 110 }}
            inputMode="decimal"
            value={l.price}
            placeholder={t('workOrders.charges.price')}
            status={l.price && parseYuan(l.price) === null ? 'error' : undefined}
            onChange={(e) => set(i, { price: e.target.value })}
            data-testid={`charge-price-${i}`}
          />
        </Flex>
      ))}
      <Flex justify="space-between" align="center">
        <Button
          type="dashed"
          onClick={() => setLines([...lines, { kind: 'part', name: '', quantity: 1, price: '' }])}
        >
          {t('workOrders.charges.add')}
        </Button>
        <Typography.Text strong data-testid="charges-total">
          {t('workOrders.charges.total', { amount: formatYuan(total) })}
        </Typography.Text>
      </Flex>
      <Button
        type="primary"
        block
        disabled={!valid}
        loading={action.isPending}
        onClick={() =>
          action.mutate({
            action: 'quote',
            method: 'PUT',
            body: {
              lines: parsed.map((l) => ({
                kind: l.kind,
                name: l.name.trim(),
                quantity: l.quantity,
                unitPriceFen: l.fen!,
              })),
            },
          })
        }
        data-testid="charges-save"
      >
        {t('workOrders.charges.save')}
      </Button>
    </Flex>
  );
}
