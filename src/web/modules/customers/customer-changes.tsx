import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import {
  CHANGE_SOURCE_LABELS,
  CHANGE_SOURCES,
  PROOF_KIND_LABELS,
  PROOF_KINDS,
  type ChangeRequest,
  type CustomerVersion,
  type IdentityChanges,
} from '../../../shared/customers';
import { CUSTOMERS_KEY, customerPath, type Customer } from './customer-types';

// CUS-2: the change form (客户信息变更登记表), its verification, and the record's versions.

const label = (l: { zh: string; en: string }, lang: string) => (lang.startsWith('zh') ? l.zh : l.en);
const STATUS_COLOR = { submitted: 'gold', applied: 'green', rejected: 'default', stale: 'default' } as const;

interface FormValues {
  source: ChangeRequest['source'];
  reason: string;
  name?: string;
  identityNumber?: string;
  phones?: Record<string, string | undefined>;
  newPhone?: string;
  addresses?: Record<string, string | undefined>;
  rooms?: Record<string, string | undefined>;
}

/** Only what differs from the record goes into the form's changes. */
function toChanges(v: FormValues, c: Customer): IdentityChanges {
  const changes: IdentityChanges = {};
  const t = (s: string | undefined) => (s ?? '').trim();
  if (t(v.name) && t(v.name) !== c.name) changes.name = t(v.name);
  if (t(v.identityNumber)) changes.identityNumber = t(v.identityNumber);
  const phoneEdits = c.phones.filter((p) => t(v.phones?.[p.id]));
  if (phoneEdits.length > 0 || t(v.newPhone)) {
    changes.phones = [
      ...c.phones.map((p) =>
        t(v.phones?.[p.id]) ? { id: p.id, number: t(v.phones?.[p.id]) } : { id: p.id },
      ),
      ...(t(v.newPhone) ? [{ number: t(v.newPhone) }] : []),
    ];
  }
  if (c.addresses.some((a) => t(v.addresses?.[a.id]) !== a.address))
    changes.addresses = c.addresses
      .filter((a) => t(v.addresses?.[a.id]))
      .map((a) => ({ id: a.id, label: a.label, address: t(v.addresses?.[a.id]) }));
  const rooms = c.assets
    .filter((a) => a.kind === 'house' && t(v.rooms?.[a.id]) !== (a.number ?? ''))
    .map((a) => ({ assetId: a.id, number: t(v.rooms?.[a.id]) || null }));
  if (rooms.length > 0) changes.rooms = rooms;
  return changes;
}

function SubmitChangeModal({ customer: c, onClose }: { customer: Customer; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const submit = useMutation({
    meta: { silent: true },
    mutationFn: (body: { source: string; reason: string; changes: IdentityChanges }) =>
      post<ChangeRequest>(`${customerPath(c.id)}/changes`, body),
    onError: showError,
    onSuccess: async () => {
      notifySuccess(t('customers.changes.submitted'));
      await queryClient.invalidateQueries({ queryKey: [CUSTOMERS_KEY] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('customers.changes.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      okButtonProps={{ 'data-testid': 'change-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('customers.changes.hint')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          source: 'customer_service',
          addresses: Object.fromEntries(c.addresses.map((a) => [a.id, a.address])),
          rooms: Object.fromEntries(
            c.assets.filter((a) => a.kind === 'house').map((a) => [a.id, a.number ?? '']),
          ),
        }}
        onFinish={(v) => {
          const changes = toChanges(v, c);
          if (Object.keys(changes).length === 0) {
            form.setFields([{ name: 'name', errors: [t('customers.changes.nothing')] }]);
            return;
          }
          submit.mutate({ source: v.source, reason: v.reason.trim(), changes });
        }}
        data-testid="change-form"
      >
        <Form.Item name="source" label={t('customers.changes.source')}>
          <Select
            options={CHANGE_SOURCES.map((s) => ({
              value: s,
              label: label(CHANGE_SOURCE_LABELS[s], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('customers.changes.reason')}
          rules={[{ required: true, whitespace: true, message: t('customers.changes.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="change-reason" />
        </Form.Item>
        <Form.Item name="name" label={t('customers.changes.newName')}>
          <Input maxLength={100} placeholder={c.name} data-testid="change-name" />
        </Form.Item>
        <Form.Item name="identityNumber" label={t('customers.changes.newIdentityNumber')}>
          <Input maxLength={40} placeholder={c.identityNumber ?? undefined} />
        </Form.Item>
        {c.phones.map((p) => (
          <Form.Item
            key={p.id}
            name={['phones', p.id]}
            label={`${p.number} · ${t('customers.changes.newPhone')}`}
          >
            <Input maxLength={40} data-testid={`change-phone-${p.id}`} />
          </Form.Item>
        ))}
        <Form.Item name="newPhone" label={t('customers.changes.addPhone')}>
          <Input maxLength={40} data-testid="change-new-phone" />
        </Form.Item>
        {c.addresses.map((a) => (
          <Form.Item key={a.id} name={['addresses', a.id]} label={t('customers.changes.address')}>
            <Input maxLength={300} />
          </Form.Item>
        ))}
        {c.assets
          .filter((a) => a.kind === 'house')
          .map((a) => (
            <Form.Item
              key={a.id}
              name={['rooms', a.id]}
              label={t('customers.changes.room', { name: a.name })}
            >
              <Input maxLength={60} />
            </Form.Item>
          ))}
      </Form>
    </Modal>
  );
}

function VerifyModal({
  customerId,
  change,
  onClose,
}: {
  customerId: string;
  change: ChangeRequest;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ checked: string[]; values: Record<string, string>; note?: string }>();
  const [rejecting, setRejecting] = useState(false);
  const queryClient = useQueryClient();
  const done = async (text: string) => {
    notifySuccess(text);
    await queryClient.invalidateQueries({ queryKey: [CUSTOMERS_KEY] });
    onClose();
  };
  const apply = useMutation({
    meta: { silent: true },
    mutationFn: (body: unknown) =>
      post<ChangeRequest>(`${customerPath(customerId)}/changes/${change.id}/apply`, body),
    onError: showError,
    onSuccess: () => done(t('customers.changes.applied')),
  });
  const reject = useMutation({
    meta: { silent: true },
    mutationFn: (note: string) =>
      post<ChangeRequest>(`${customerPath(customerId)}/changes/${change.id}/reject`, { note }),
    onError: showError,
    onSuccess: () => done(t('customers.changes.rejected')),
  });
  return (
    <Modal
      open
      title={t('customers.changes.verify')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button danger onClick={() => setRejecting(true)} loading={reject.isPending}>
            {t('customers.changes.reject')}
          </Button>
          <Button
            type="primary"
            onClick={() => form.submit()}
            loading={apply.isPending}
            data-testid="change-apply"
          >
            {t('customers.changes.verify')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('customers.changes.verifyHint')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ checked: [] }}
        onFinish={(v) => {
          const proofs = v.checked.map((kind) => ({ kind, value: (v.values?.[kind] ?? '').trim() }));
          if (rejecting) {
            const note = (v.note ?? '').trim();
            if (!note) {
              form.setFields([{ name: 'note', errors: [t('customers.changes.rejectNote')] }]);
              return;
            }
            reject.mutate(note);
            return;
          }
          if (proofs.length === 0) {
            form.setFields([{ name: 'checked', errors: [t('customers.changes.proofRequired')] }]);
            return;
          }
          apply.mutate({ proofs, note: (v.note ?? '').trim() || null });
        }}
      >
        <Form.Item name="checked" label={t('customers.changes.proofs')}>
          <Checkbox.Group
            options={PROOF_KINDS.map((k) => ({
              value: k,
              label: label(PROOF_KIND_LABELS[k], i18n.language),
            }))}
          />
        </Form.Item>
        {PROOF_KINDS.map((k) => (
          <Form.Item key={k} name={['values', k]} label={label(PROOF_KIND_LABELS[k], i18n.language)}>
            <Input maxLength={60} data-testid={`proof-${k}`} />
          </Form.Item>
        ))}
        <Form.Item
          name="note"
          label={rejecting ? t('customers.changes.rejectNote') : t('customers.changes.decisionNote')}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {rejecting && (
          <Button danger block onClick={() => form.submit()}>
            {t('customers.changes.reject')}
          </Button>
        )}
      </Form>
    </Modal>
  );
}

/** The record's change forms and versions, with the buttons to submit and to verify (CUS-2). */
export function CustomerChanges({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [submitting, setSubmitting] = useState(false);
  const [verifying, setVerifying] = useState<ChangeRequest | null>(null);
  const changes = useQuery({
    queryKey: [CUSTOMERS_KEY, 'changes', customer.id],
    queryFn: ({ signal }) =>
      get<{ items: ChangeRequest[] }>(`${customerPath(customer.id)}/changes`, undefined, signal),
  });
  const versions = useQuery({
    queryKey: [CUSTOMERS_KEY, 'versions', customer.id],
    queryFn: ({ signal }) =>
      get<{ items: CustomerVersion[] }>(`${customerPath(customer.id)}/versions`, undefined, signal),
  });
  const fieldNames = (fields: string[]) => fields.map((f) => t(`customers.changes.field.${f}`)).join('、');
  const proofNames = (proofs: string[] | null) =>
    (proofs ?? [])
      .map((p) => label(PROOF_KIND_LABELS[p as keyof typeof PROOF_KIND_LABELS], i18n.language))
      .join('、');
  return (
    <div data-testid="customer-changes">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('customers.changes.list')}
        </Typography.Title>
        {can('customers.change.submit') && !customer.draft && (
          <Button size="small" onClick={() => setSubmitting(true)} data-testid="change-open">
            {t('customers.changes.open')}
          </Button>
        )}
      </Space>
      <List
        size="small"
        locale={{ emptyText: t('customers.changes.none') }}
        dataSource={changes.data?.items ?? []}
        renderItem={(c) => (
          <List.Item
            actions={
              c.status === 'submitted' && can('customers.change.verify')
                ? [
                    <Button
                      key="v"
                      size="small"
                      type="link"
                      onClick={() => setVerifying(c)}
                      data-testid="change-verify"
                    >
                      {t('customers.changes.verify')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  <Tag color={STATUS_COLOR[c.status]}>{t(`customers.changes.status.${c.status}`)}</Tag>
                  {fieldNames(c.fields)}
                  <Typography.Text type="secondary">
                    {label(CHANGE_SOURCE_LABELS[c.source], i18n.language)} · {c.submittedBy?.displayName} ·{' '}
                    {formatTime(c.submittedAt)}
                  </Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>{c.reason}</div>
                  {c.decidedAt && (
                    <div>
                      {c.decidedBy?.displayName} · {formatTime(c.decidedAt)}
                      {c.proofs &&
                        c.proofs.length > 0 &&
                        ` · ${t('customers.changes.proofs')}：${proofNames(c.proofs)}`}
                      {c.decisionNote && ` · ${c.decisionNote}`}
                    </div>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{t('customers.changes.history')}</Typography.Title>
      <Timeline
        data-testid="customer-versions"
        items={(versions.data?.items ?? []).map((v) => ({
          key: v.version,
          content: (
            <div>
              <Space size={6} wrap>
                <strong>{t('customers.changes.version', { n: v.version })}</strong>
                <Tag>{t(`customers.changes.kind.${v.kind}`)}</Tag>
                <Typography.Text type="secondary">
                  {v.by?.displayName ?? '—'} · {formatTime(v.at)}
                </Typography.Text>
              </Space>
              {v.reason && <div>{v.reason}</div>}
              {v.proofs && v.proofs.length > 0 && (
                <div>
                  {t('customers.changes.proofs')}：{proofNames(v.proofs)}
                </div>
              )}
              <Typography.Text type="secondary">
                {[
                  v.snapshot.name,
                  v.snapshot.identityNumber,
                  ...v.snapshot.phones.map((p) => p.number),
                  ...v.snapshot.addresses.map((a) => a.address),
                  ...v.snapshot.rooms.map((r) => `${r.name} ${r.number ?? ''}`),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          ),
        }))}
      />
      {submitting && <SubmitChangeModal customer={customer} onClose={() => setSubmitting(false)} />}
      {verifying && (
        <VerifyModal customerId={customer.id} change={verifying} onClose={() => setVerifying(null)} />
      )}
    </div>
  );
}
