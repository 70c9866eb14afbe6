import { useState } from 'react';
import {
  Button,
  Card,
  Empty,
  Flex,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Steps,
  Table,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { fenToYuanInput, formatYuan, parseYuan } from './money';
import { usePriceList } from './price-list-page';
import { SignatureField, type SignatureValue } from './signature-pad';
import { WO_PERM, canDo, useWorkOrderAction } from './workorders-api';
import type { Named } from '../../../shared/common';
import { STAGE_LABELS } from '../../../domain/approvals';
import type { QuoteLine, WorkOrder } from '../../../shared/workorders';

interface DraftLine {
  kind: 'service' | 'part';
  priceItemId: string | null;
  name: string;
  quantity: number;
  price: string;
}

function QuoteEditor({ workOrder, onClose }: { workOrder: WorkOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const prices = usePriceList(workOrder.unitId);
  const [lines, setLines] = useState<DraftLine[]>(
    () =>
      workOrder.quote?.lines.map((l) => ({ ...l, price: fenToYuanInput(l.unitPriceFen) })) ?? [
        { kind: 'service', priceItemId: null, name: '', quantity: 1, price: '' },
      ],
  );
  const [note, setNote] = useState(workOrder.quote?.note ?? '');
  const action = useWorkOrderAction(workOrder.id);
  const update = (i: number, patch: Partial<DraftLine>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const valid =
    lines.length > 0 && lines.every((l) => l.name.trim() && l.quantity >= 1 && parseYuan(l.price) !== null);
  const total = lines.reduce((sum, l) => sum + (parseYuan(l.price) ?? 0) * l.quantity, 0);
  return (
    <Modal
      open
      width={760}
      title={t('workOrders.quote.draft')}
      onCancel={onClose}
      okButtonProps={{ disabled: !valid }}
      confirmLoading={action.isPending}
      onOk={() =>
        action.mutate(
          {
            action: 'quote',
            method: 'PUT',
            body: {
              lines: lines.map((l) => ({
                kind: l.kind,
                ...(l.priceItemId ? { priceItemId: l.priceItemId } : {}),
                name: l.name.trim(),
                quantity: l.quantity,
                unitPriceFen: parseYuan(l.price)!,
              })),
              ...(note.trim() ? { note: note.trim() } : {}),
            },
          },
          { onSuccess: onClose },
        )
      }
    >
      <Flex vertical gap={8}>
        {lines.map((line, i) => (
          <Flex key={i} gap={6} align="center" wrap>
            <Select
              value={line.kind}
              onChange={(kind) => update(i, { kind })}
              style={{ width: 90 }}
              options={[
                { value: 'service', label: t('workOrders.quote.service') },
                { value: 'part', label: t('workOrders.quote.parts') },
              ]}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('workOrders.quote.fromList')}
              value={line.priceItemId ?? undefined}
              style={{ width: 180 }}
              options={(prices.data?.items ?? [])
                .filter((p) => p.active && p.kind === line.kind)
                .map((p) => ({ value: p.id, label: `${p.name}（${formatYuan(p.priceFen)}/${p.unit}）` }))}
              onChange={(id?: string) => {
                const item = prices.data?.items.find((p) => p.id === id);
                update(
                  i,
                  item
                    ? { priceItemId: item.id, name: item.name, price: fenToYuanInput(item.priceFen) }
                    : { priceItemId: null },
                );
              }}
            />
            <Input
              value={line.name}
              maxLength={100}
              onChange={(e) => update(i, { name: e.target.value })}
              placeholder={t('workOrders.quote.line')}
              style={{ width: 150 }}
            />
            <InputNumber
              min={1}
              precision={0}
              value={line.quantity}
              onChange={(v) => update(i, { quantity: v ?? 1 })}
              style={{ width: 70 }}
            />
            <Input
              prefix="¥"
              value={line.price}
              onChange={(e) => update(i, { price: e.target.value })}
              status={line.price && parseYuan(line.price) === null ? 'error' : undefined}
              style={{ width: 110 }}
            />
            <Button icon={<DeleteOutlined />} onClick={() => setLines(lines.filter((_, j) => j !== i))} />
          </Flex>
        ))}
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setLines([...lines, { kind: 'part', priceItemId: null, name: '', quantity: 1, price: '' }])
          }
        >
          {t('workOrders.quote.addLine')}
        </Button>
        <Input.TextArea
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('workOrders.field.note')}
        />
        <Typography.Text strong style={{ textAlign: 'right' }}>
          {t('workOrders.quote.total')} {formatYuan(total)}
        </Typography.Text>
      </Flex>
    </Modal>
  );
}

function CustomerConfirmDialog({ workOrder, onClose }: { workOrder: WorkOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const [how, setHow] = useState<'phone' | 'signed' | 'on_site'>('phone');
  const [note, setNote] = useState('');
  const action = useWorkOrderAction(workOrder.id);
  return (
    <Modal
      open
      title={t('workOrders.quote.customerConfirm')}
      onCancel={onClose}
      confirmLoading={action.isPending}
      onOk={() =>
        action.mutate(
          { action: 'quote/customer-confirm', body: { how, ...(note.trim() ? { note: note.trim() } : {}) } },
          { onSuccess: onClose },
        )
      }
    >
      <Typography.Paragraph>{t('workOrders.quote.how')}</Typography.Paragraph>
      <Radio.Group value={how} onChange={(e) => setHow(e.target.value as typeof how)}>
        <Radio value="phone">{t('workOrders.quote.howPhone')}</Radio>
        <Radio value="signed">{t('workOrders.quote.howSigned')}</Radio>
        <Radio value="on_site">{t('workOrders.quote.howOnSite')}</Radio>
      </Radio.Group>
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ marginTop: 12 }}
      />
    </Modal>
  );
}

const who = (t: TFunction, x: { by: Named; at: string } | null) =>
  x ? t('workOrders.quote.by', { name: x.by.name, time: formatTime(x.at) }) : undefined;

/** PAY-3: the customer signs the approved, itemised quote on this screen. */
function QuoteSignDialog({ workOrder, onClose }: { workOrder: WorkOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useWorkOrderAction(workOrder.id);
  const [signerName, setSignerName] = useState(workOrder.contactName ?? '');
  const [signature, setSignature] = useState<SignatureValue>({ dataUrl: null, points: 0 });
  const ready = signerName.trim() !== '' && !!signature.dataUrl;
  return (
    <Modal
      open
      title={t('workOrders.quote.signTitle')}
      okText={t('workOrders.quote.signSubmit')}
      okButtonProps={{
        disabled: !ready,
        loading: action.isPending,
        ...{ 'data-testid': 'quote-sign-submit' },
      }}
      onCancel={onClose}
      onOk={() =>
        signature.dataUrl &&
        action.mutate(
          { action: 'quote/sign', body: { signerName: signerName.trim(), signature: signature.dataUrl } },
          { onSuccess: onClose },
        )
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {t('workOrders.quote.signHint', { total: formatYuan(workOrder.quote?.totalFen ?? 0) })}
        </Typography.Text>
        <Input
          value={signerName}
          onChange={(e) => setSignerName(e.target.value)}
          placeholder={t('workOrders.tech.signerName')}
          data-testid="quote-signer"
        />
        <SignatureField onChange={setSignature} testId="quote-signature-pad" />
      </Flex>
    </Modal>
  );
}

/** Where the quote's approval stands: the engine's stage, "no approval needed", or sent back. */
function approvalDescription(
  t: TFunction,
  language: string,
  quote: NonNullable<WorkOrder['quote']>,
): string | undefined {
  if (quote.approvalStatus === 'not_required') return t('workOrders.quote.smallCharge');
  if (quote.approvalStatus === 'sent_back') return t('workOrders.quote.sentBack');
  if (quote.approvalStatus === 'pending' && quote.approvalStage) {
    const label = STAGE_LABELS[quote.approvalStage];
    const stage = label ? (language.startsWith('zh') ? label.zh : label.en) : quote.approvalStage;
    return t('workOrders.quote.waitingFor', { stage });
  }
  return who(t, quote.approved);
}

/**
 * 报价 (PAY-3): lines from the price list in fen; finance confirms the service price, the
 * warehouse the parts prices, customer service records how the customer agreed, the department
 * head and then the company head approve in the approval inbox (none below the small-charge
 * threshold), the customer signs the quote — each step shows who did it and when, and the buttons
 * follow who is looking.
 */
export function QuoteCard({ workOrder }: { workOrder: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const action = useWorkOrderAction(workOrder.id);
  const quote = workOrder.quote;
  const step = (path: string) => action.mutate({ action: path });
  const [signing, setSigning] = useState(false);
  // A quote without parts (or without service) needs no confirmation of that side (PAY-3).
  const pricesDone =
    (!!quote?.serviceConfirmed || !quote?.lines.some((l) => l.kind === 'service')) &&
    (!!quote?.partsConfirmed || !quote?.lines.some((l) => l.kind === 'part'));
  const lines = quote?.lines ?? [];
  return (
    <Card
      size="small"
      title={t('workOrders.quote.title')}
      extra={
        canDo(workOrder, 'quote') && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="quote-edit">
            {t('workOrders.quote.draft')}
          </Button>
        )
      }
      data-testid="quote-card"
    >
      {!quote ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={workOrder.serviceClass === 'A' ? undefined : t('workOrders.quote.notForClass')}
        />
      ) : (
        <Flex vertical gap={12}>
          <Table<QuoteLine>
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={lines}
            columns={[
              { title: t('workOrders.quote.line'), dataIndex: 'name' },
              { title: t('workOrders.create.quantity'), dataIndex: 'quantity', width: 60 },
              {
                title: t('workOrders.detail.unitPrice'),
                key: 'u',
                width: 100,
                align: 'right',
                render: (_, l) => formatYuan(l.unitPriceFen),
              },
              {
                title: t('workOrders.quote.total'),
                key: 't',
                width: 110,
                align: 'right',
                render: (_, l) => formatYuan(l.totalFen),
              },
            ]}
          />
          <Space size={16} wrap style={{ justifyContent: 'flex-end' }}>
            <span>
              {t('workOrders.quote.service')} {formatYuan(quote.serviceFen)}
            </span>
            <span>
              {t('workOrders.quote.parts')} {formatYuan(quote.partsFen)}
            </span>
            <Typography.Text strong data-testid="quote-total">
              {t('workOrders.quote.total')} {formatYuan(quote.totalFen)}
            </Typography.Text>
          </Space>
          <Steps
            size="small"
            orientation="vertical"
            items={[
              {
                title: t('workOrders.quote.steps.service'),
                status: quote.serviceConfirmed ? 'finish' : 'wait',
                description: who(t, quote.serviceConfirmed),
              },
              {
                title: t('workOrders.quote.steps.parts'),
                status: quote.partsConfirmed ? 'finish' : 'wait',
                description: who(t, quote.partsConfirmed),
              },
              {
                title: t('workOrders.quote.steps.customer'),
                status: quote.customerConfirmed ? 'finish' : 'wait',
                description: quote.customerConfirmed
                  ? `${t(`workOrders.quote.how${{ phone: 'Phone', signed: 'Signed', on_site: 'OnSite' }[quote.customerConfirmed.how]}`)} · ${who(t, quote.customerConfirmed)}`
                  : undefined,
              },
              {
                title: t('workOrders.quote.steps.approve'),
                status: quote.approved
                  ? 'finish'
                  : quote.approvalStatus === 'sent_back'
                    ? 'error'
                    : quote.approvalStatus === 'pending'
                      ? 'process'
                      : 'wait',
                description: (
                  <span data-testid="quote-approval">
                    {approvalDescription(t, i18n.language, quote)}
                    {quote.approvalRequestId && (
                      <>
                        {' · '}
                        <Link to="/approvals">{t('workOrders.quote.openApproval')}</Link>
                      </>
                    )}
                  </span>
                ),
              },
              {
                title: t('workOrders.quote.steps.sign'),
                status: quote.customerSigned ? 'finish' : 'wait',
                description: quote.customerSigned
                  ? `${quote.customerSigned.signerName} · ${who(t, quote.customerSigned)}`
                  : undefined,
              },
            ]}
          />
          <Space wrap>
            {!quote.serviceConfirmed && can(WO_PERM.confirmService) && (
              <Button onClick={() => step('quote/confirm-service')}>
                {t('workOrders.quote.confirmService')}
              </Button>
            )}
            {!quote.partsConfirmed && can(WO_PERM.confirmParts) && (
              <Button onClick={() => step('quote/confirm-parts')}>
                {t('workOrders.quote.confirmParts')}
              </Button>
            )}
            {pricesDone &&
              (!quote.customerConfirmed || quote.approvalStatus === 'sent_back') &&
              can(WO_PERM.dispatch) && (
                <Button onClick={() => setConfirming(true)} data-testid="quote-customer-confirm">
                  {t('workOrders.quote.customerConfirm')}
                </Button>
              )}
            {canDo(workOrder, 'quote_sign') && (
              <Button type="primary" onClick={() => setSigning(true)} data-testid="quote-sign">
                {t('workOrders.quote.sign')}
              </Button>
            )}
          </Space>
        </Flex>
      )}
      {editing && <QuoteEditor workOrder={workOrder} onClose={() => setEditing(false)} />}
      {confirming && <CustomerConfirmDialog workOrder={workOrder} onClose={() => setConfirming(false)} />}
      {signing && <QuoteSignDialog workOrder={workOrder} onClose={() => setSigning(false)} />}
    </Card>
  );
}
