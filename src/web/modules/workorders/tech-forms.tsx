import { useState } from 'react';
import { Button, Checkbox, Flex, Image, Input, InputNumber, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { localizedMessage } from '../../api/client';
import { notifyError, notifySuccess } from '../../lib/notify';
import { SignatureField } from './signature-pad';
import type { SignatureValue } from './signature-pad';
import { uploadPhoto, useAttachments, useWorkOrderAction } from './workorders-api';
import { WORKORDERS_KEY, attachmentUrl } from './workorders-paths';
import type { WorkOrder } from '../../../shared/workorders';

const CHECKS = [
  'partsPrepared',
  'partsRequested',
  'documentsPrinted',
  'addressConfirmed',
  'arrivalTimeConfirmed',
] as const;
type Check = (typeof CHECKS)[number];

/** REP-4: what must be true before the technician leaves; parts requested counts when some were missing. */
export function ChecklistForm({ workOrder }: { workOrder: WorkOrder }) {
  const { t } = useTranslation();
  const saved = workOrder.checklist;
  const [checks, setChecks] = useState<Record<Check, boolean>>(() => ({
    partsPrepared: saved?.partsPrepared ?? false,
    partsRequested: saved?.partsRequested ?? false,
    documentsPrinted: saved?.documentsPrinted ?? false,
    addressConfirmed: saved?.addressConfirmed ?? false,
    arrivalTimeConfirmed: saved?.arrivalTimeConfirmed ?? false,
  }));
  const [note, setNote] = useState(saved?.note ?? '');
  const action = useWorkOrderAction(workOrder.id);
  return (
    <Flex vertical gap={8} data-testid="checklist">
      {CHECKS.map((c) => (
        <Checkbox
          key={c}
          checked={checks[c]}
          onChange={(e) => setChecks({ ...checks, [c]: e.target.checked })}
          style={{ fontSize: 15, padding: '4px 0' }}
          data-testid={`check-${c}`}
        >
          {t(`workOrders.checklist.${c}`)}
        </Checkbox>
      ))}
      <Input
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('workOrders.field.note')}
      />
      <Button
        size="large"
        loading={action.isPending}
        onClick={() => action.mutate({ action: 'checklist', body: { ...checks, ...(note ? { note } : {}) } })}
        data-testid="checklist-save"
      >
        {t('workOrders.common.save')}
      </Button>
    </Flex>
  );
}

interface PartLine {
  name: string;
  priceItemId: string | null;
  quantityUsed: number;
  quantityReturned: number;
}

/** REP-5: parts used on the job and unused ones going back to the warehouse; quantities never negative. */
export function PartsEditor({ workOrder }: { workOrder: WorkOrder }) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<PartLine[]>(() =>
    workOrder.parts.length
      ? workOrder.parts.map((p) => ({ ...p }))
      : workOrder.partsNeeded.map((p) => ({
          name: p.name,
          priceItemId: p.priceItemId,
          quantityUsed: p.quantity,
          quantityReturned: 0,
        })),
  );
  const action = useWorkOrderAction(workOrder.id);
  const update = (i: number, patch: Partial<PartLine>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const valid = lines.every((l) => l.name.trim() && l.quantityUsed >= 0 && l.quantityReturned >= 0);
  return (
    <Flex vertical gap={8} data-testid="parts-editor">
      {lines.map((line, i) => (
        <Flex key={i} gap={6} align="center" wrap>
          <Input
            value={line.name}
            maxLength={100}
            onChange={(e) => update(i, { name: e.target.value })}
            placeholder={t('workOrders.create.partName')}
            style={{ flex: '1 1 140px' }}
          />
          <InputNumber
            min={0}
            precision={0}
            value={line.quantityUsed}
            onChange={(v) => update(i, { quantityUsed: v ?? 0 })}
            prefix={t('workOrders.detail.used')}
            style={{ width: 110 }}
          />
          <InputNumber
            min={0}
            precision={0}
            value={line.quantityReturned}
            onChange={(v) => update(i, { quantityReturned: v ?? 0 })}
            prefix={t('workOrders.detail.returned')}
            style={{ width: 130 }}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label="delete"
            onClick={() => setLines(lines.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <Flex gap={8}>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setLines([...lines, { name: '', priceItemId: null, quantityUsed: 1, quantityReturned: 0 }])
          }
        >
          {t('workOrders.create.addPart')}
        </Button>
        <Button
          type="primary"
          ghost
          disabled={!valid}
          loading={action.isPending}
          onClick={() =>
            action.mutate({
              action: 'parts',
              method: 'PUT',
              body: {
                items: lines.map((l) => ({
                  name: l.name.trim(),
                  ...(l.priceItemId ? { priceItemId: l.priceItemId } : {}),
                  quantityUsed: l.quantityUsed,
                  quantityReturned: l.quantityReturned,
                })),
              },
            })
          }
          data-testid="parts-save"
        >
          {t('workOrders.common.save')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** Before/after photos: the phone's camera opens straight away (capture), uploads go to the order. */
export function PhotosPanel({ workOrderId, canUpload }: { workOrderId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const attachments = useAttachments(workOrderId);
  const [busy, setBusy] = useState(false);
  const photos = (attachments.data?.items ?? []).filter((a) => /^(before|after)-/.test(a.fileName));
  const upload = async (file: File | undefined, prefix: 'before' | 'after') => {
    if (!file) return;
    setBusy(true);
    try {
      await uploadPhoto(workOrderId, file, prefix);
      notifySuccess(t('workOrders.tech.uploaded'));
      await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY, 'attachments', workOrderId] });
    } catch (error) {
      notifyError(localizedMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="photos">
      {(['before', 'after'] as const).map((prefix) => (
        <div key={prefix}>
          <Typography.Text type="secondary">{t(`workOrders.detail.${prefix}`)}</Typography.Text>
          <Flex gap={6} wrap style={{ marginTop: 4 }}>
            <Image.PreviewGroup>
              {photos
                .filter((p) => p.fileName.startsWith(`${prefix}-`))
                .map((p) => (
                  <Image
                    key={p.id}
                    src={attachmentUrl(p.id)}
                    width={72}
                    height={72}
                    style={{ objectFit: 'cover' }}
                  />
                ))}
            </Image.PreviewGroup>
            {canUpload && (
              <label style={{ cursor: 'pointer' }}>
                <input
                  type="file"
                  accept="image/*"
                  capture="environment"
                  hidden
                  data-testid={`photo-${prefix}`}
                  onChange={(e) => {
                    void upload(e.target.files?.[0], prefix);
                    e.target.value = '';
                  }}
                />
                <Flex
                  vertical
                  align="center"
                  justify="center"
                  style={{ width: 96, height: 72, border: '1px dashed #bbb', borderRadius: 6, fontSize: 12 }}
                >
                  <CameraOutlined style={{ fontSize: 20 }} />
                  {busy
                    ? t('workOrders.tech.uploading')
                    : t(`workOrders.tech.photos${prefix === 'before' ? 'Before' : 'After'}`)}
                </Flex>
              </label>
            )}
          </Flex>
        </div>
      ))}
    </Flex>
  );
}

interface ReceiptItem {
  name: string;
  quantity: number;
  condition: string;
}

/**
 * REP-6 携回修护: what the technician takes away, its condition, and the customer's signature on the
 * goods receipt. The server turns the order into carry-in and numbers the receipt.
 */
export function CarryInForm({ workOrder, onIssued }: { workOrder: WorkOrder; onIssued: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ReceiptItem[]>([
    { name: workOrder.asset?.name ?? '', quantity: 1, condition: '' },
  ]);
  const [note, setNote] = useState('');
  const [signerName, setSignerName] = useState(workOrder.contactName ?? workOrder.customer?.name ?? '');
  const [signature, setSignature] = useState<SignatureValue>({ dataUrl: null, points: 0 });
  const action = useWorkOrderAction(workOrder.id);
  const update = (i: number, patch: Partial<ReceiptItem>) =>
    setItems(items.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const ready =
    items.length > 0 &&
    items.every((i) => i.name.trim() && i.quantity >= 1 && i.condition.trim()) &&
    signerName.trim() &&
    signature.dataUrl;
  return (
    <Flex vertical gap={10} data-testid="carry-in-form">
      {items.map((item, i) => (
        <Flex key={i} vertical gap={6} style={{ borderBottom: '1px dashed #ddd', paddingBottom: 8 }}>
          <Flex gap={6}>
            <Input
              value={item.name}
              maxLength={100}
              onChange={(e) => update(i, { name: e.target.value })}
              placeholder={t('workOrders.tech.item')}
              data-testid="receipt-item-name"
            />
            <InputNumber
              min={1}
              precision={0}
              value={item.quantity}
              onChange={(v) => update(i, { quantity: v ?? 1 })}
              style={{ width: 80 }}
            />
            {items.length > 1 && (
              <Button icon={<DeleteOutlined />} onClick={() => setItems(items.filter((_, j) => j !== i))} />
            )}
          </Flex>
          <Input
            value={item.condition}
            maxLength={200}
            onChange={(e) => update(i, { condition: e.target.value })}
            placeholder={t('workOrders.tech.conditionPlaceholder')}
            data-testid="receipt-item-condition"
          />
        </Flex>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => setItems([...items, { name: '', quantity: 1, condition: '' }])}
      >
        {t('workOrders.tech.addItem')}
      </Button>
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('workOrders.field.note')}
      />
      <Input
        size="large"
        value={signerName}
        maxLength={60}
        onChange={(e) => setSignerName(e.target.value)}
        placeholder={t('workOrders.tech.signerName')}
        data-testid="receipt-signer"
      />
      <SignatureField onChange={setSignature} testId="receipt-signature" />
      <Button
        type="primary"
        size="large"
        block
        disabled={!ready}
        loading={action.isPending}
        onClick={() =>
          signature.dataUrl &&
          action.mutate(
            {
              action: 'carry_in',
              body: {
                items: items.map((i) => ({
                  name: i.name.trim(),
                  quantity: i.quantity,
                  condition: i.condition.trim(),
                })),
                ...(note.trim() ? { note: note.trim() } : {}),
                signerName: signerName.trim(),
                signature: signature.dataUrl,
              },
            },
            { onSuccess: onIssued },
          )
        }
        data-testid="carry-in-submit"
      >
        {t('workOrders.tech.issueReceipt')}
      </Button>
    </Flex>
  );
}
