import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get, post } from '../../api/client';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { notifySuccess } from '../../lib/notify';
import {
  CHANNEL_KINDS,
  CHANNEL_TEMPLATES_KEY,
  CHANNELS_API,
  CHANNELS_KEY,
  SECRET_FIELDS,
  STAFF_KINDS,
  type ChannelAccount,
  type ChannelKind,
  type ChannelTemplate,
} from './channels-api';
import { OaBindingsModal } from './oa-bindings';

/** The non-secret settings each kind asks for, in form order. */
const SETTING_FIELDS: Record<ChannelKind, readonly string[]> = {
  sms_aliyun: ['accessKeyId', 'signName', 'regionId', 'endpoint'],
  sms_tencent: ['secretId', 'sdkAppId', 'signName', 'region', 'endpoint'],
  wechat_kf: ['corpId', 'openKfId', 'apiBase'],
  email: [
    'address',
    'displayName',
    'username',
    'imapHost',
    'imapPort',
    'imapSecurity',
    'mailbox',
    'smtpHost',
    'smtpPort',
    'smtpSecurity',
    'pollSeconds',
  ],
  wecom_app: ['corpId', 'agentId', 'apiBase', 'loginBase'],
  dingtalk_app: ['appKey', 'agentId', 'apiBase', 'loginBase', 'openApiBase', 'corpId', 'jsapiUrl'],
  wechat_oa: ['appId', 'loginBase', 'apiBase'],
};
/** Addresses that default to the vendor's own when left empty. */
const ADDRESS_FIELDS = new Set(['endpoint', 'apiBase', 'loginBase', 'openApiBase', 'jsapiUrl']);
/** Labelled by their own text rather than the generic "API address". */
const LABELLED_FIELDS = new Set(['loginBase', 'openApiBase', 'jsapiUrl']);
/** Settings that may be left empty (the server fills in its default). */
const OPTIONAL_FIELDS = new Set([
  'jsapiUrl',
  'endpoint',
  'apiBase',
  'loginBase',
  'openApiBase',
  'regionId',
  'region',
  'displayName',
  'mailbox',
  'pollSeconds',
]);
const NUMBER_FIELDS = new Set(['imapPort', 'smtpPort', 'pollSeconds']);
const SECURITY_FIELDS = new Set(['imapSecurity', 'smtpSecurity']);
/** Kinds whose messages are taken in as the intake person and may open tickets. */
const INBOUND_KINDS: readonly ChannelKind[] = ['wechat_kf', 'email'];

interface Draft {
  id: string | null;
  kind: ChannelKind;
  initial: Record<string, unknown>;
  secretsSet: string[];
}

function AccountForm({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const settings: Record<string, unknown> = {};
      for (const f of SETTING_FIELDS[draft.kind]) {
        const v = values[`s_${f}`];
        const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
        if (text) settings[f] = NUMBER_FIELDS.has(f) ? Number(text) : text;
        else if (ADDRESS_FIELDS.has(f) || f === 'displayName') settings[f] = null;
      }
      if (INBOUND_KINDS.includes(draft.kind)) settings.autoTicket = values.autoTicket ?? true;
      if (STAFF_KINDS.includes(draft.kind)) settings.login = values.login ?? false;
      const secrets: Record<string, string> = {};
      for (const f of SECRET_FIELDS[draft.kind]) {
        const v = values[`x_${f}`];
        if (typeof v === 'string' && v.trim()) secrets[f] = v.trim();
      }
      const body = {
        unitId: values.unitId,
        kind: draft.kind,
        name: values.name,
        enabled: values.enabled ?? true,
        intakeUserId: (values.intakeUserId as string | undefined)?.trim() || null,
        settings,
        secrets,
      };
      return draft.id
        ? api<ChannelAccount>(`${CHANNELS_API}/${draft.id}`, { method: 'PUT', body })
        : post<ChannelAccount>(CHANNELS_API, body);
    },
    onSuccess: async () => {
      notifySuccess(t('channels.accounts.saved'));
      await queryClient.invalidateQueries({ queryKey: [CHANNELS_KEY] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${t(`channels.kind.${draft.kind}`)}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={draft.initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('channels.accounts.name')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="channel-name" />
        </Form.Item>
        <Form.Item name="unitId" label={t('channels.accounts.unit')} rules={[{ required: true }]}>
          <UnitTreeSelect data-testid="channel-unit" />
        </Form.Item>
        {SETTING_FIELDS[draft.kind].map((f) => (
          <Form.Item
            key={f}
            name={`s_${f}`}
            label={
              LABELLED_FIELDS.has(f)
                ? t(`channels.accounts.${f}`)
                : draft.kind === 'dingtalk_app' && f === 'corpId'
                  ? t('channels.accounts.dingCorpId')
                  : ADDRESS_FIELDS.has(f)
                    ? t('channels.accounts.endpoint')
                    : draft.kind === 'email'
                      ? t(`channels.email.${f}`)
                      : f
            }
            rules={
              OPTIONAL_FIELDS.has(f) || (draft.kind === 'dingtalk_app' && f === 'corpId')
                ? []
                : [{ required: true }]
            }
            extra={
              draft.kind === 'dingtalk_app' && f === 'corpId'
                ? t('channels.accounts.dingCorpIdHelp')
                : undefined
            }
          >
            {SECURITY_FIELDS.has(f) ? (
              <Select
                data-testid={`channel-s-${f}`}
                options={['tls', 'starttls', 'none'].map((v) => ({
                  value: v,
                  label: t(`channels.email.security_${v}`),
                }))}
              />
            ) : (
              <Input data-testid={`channel-s-${f}`} />
            )}
          </Form.Item>
        ))}
        {SECRET_FIELDS[draft.kind].map((f) => (
          <Form.Item
            key={f}
            name={`x_${f}`}
            label={
              <Space>
                {draft.kind === 'email' ? t(`channels.email.${f}`) : f}
                {draft.secretsSet.includes(f) ? (
                  <Tag color="green">{t('channels.accounts.secretSet')}</Tag>
                ) : null}
              </Space>
            }
            extra={draft.secretsSet.includes(f) ? t('channels.accounts.secretKeep') : undefined}
            rules={draft.secretsSet.includes(f) ? [] : [{ required: true }]}
          >
            <Input.Password autoComplete="new-password" data-testid={`channel-x-${f}`} />
          </Form.Item>
        ))}
        {INBOUND_KINDS.includes(draft.kind) ? (
          <>
            <Form.Item
              name="intakeUserId"
              label={t('channels.accounts.intakeUser')}
              extra={t('channels.accounts.intakeHelp')}
            >
              <Input />
            </Form.Item>
            <Form.Item name="autoTicket" label={t('channels.accounts.autoTicket')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        ) : null}
        {STAFF_KINDS.includes(draft.kind) ? (
          <Form.Item
            name="login"
            label={t('channels.accounts.login')}
            extra={t('channels.accounts.loginHelp')}
            valuePropName="checked"
          >
            <Switch data-testid="channel-login" />
          </Form.Item>
        ) : null}
        <Form.Item name="enabled" label={t('channels.accounts.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TemplatesCard({ account }: { account: ChannelAccount }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: [CHANNEL_TEMPLATES_KEY],
    queryFn: () => get<ChannelTemplate[]>('/api/v1/channel-templates'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [CHANNEL_TEMPLATES_KEY] });
  const add = useMutation({
    mutationFn: (v: { templateCode: string; providerTemplateCode: string; params?: string }) =>
      api(`${CHANNELS_API}/${account.id}/templates`, {
        method: 'PUT',
        body: {
          templateCode: v.templateCode.trim(),
          providerTemplateCode: v.providerTemplateCode.trim(),
          ...(v.params?.trim() ? { params: v.params.split(/[,，\s]+/).filter(Boolean) } : {}),
        },
      }),
    onSuccess: async () => {
      form.resetFields();
      await refresh();
    },
  });
  const check = useMutation({
    mutationFn: () => post(`${CHANNELS_API}/${account.id}/templates/check`),
    onSuccess: async () => {
      notifySuccess(t('channels.templates.checked'));
      await refresh();
    },
  });
  const rows = (list.data ?? []).filter((x) => x.accountId === account.id);
  const color = { approved: 'green', pending: 'gold', rejected: 'red' } as const;
  return (
    <Card
      size="small"
      title={`${account.name} · ${t('channels.accounts.templates')}`}
      extra={
        <Button onClick={() => check.mutate()} loading={check.isPending}>
          {t('channels.templates.check')}
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="templateCode"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('channels.templates.kefuCode'), dataIndex: 'templateCode' },
          { title: t('channels.templates.providerCode'), dataIndex: 'providerTemplateCode' },
          { title: t('channels.templates.params'), render: (_, r) => r.params.join(', ') },
          {
            title: t('channels.templates.gateway'),
            render: (_, r) => (
              <Space>
                <Tag color={color[r.approval]}>{t(`channels.approval.${r.approval}`)}</Tag>
                {r.approvalNote ? <Typography.Text type="secondary">{r.approvalNote}</Typography.Text> : null}
              </Space>
            ),
          },
        ]}
      />
      <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => add.mutate(v)}>
        <Form.Item name="templateCode" rules={[{ required: true }]}>
          <Input placeholder={t('channels.templates.kefuCode')} />
        </Form.Item>
        <Form.Item name="providerTemplateCode" rules={[{ required: true }]}>
          <Input placeholder={t('channels.templates.providerCode')} />
        </Form.Item>
        <Form.Item name="params">
          <Input placeholder={t('channels.templates.params')} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('channels.templates.add')}
        </Button>
      </Form>
    </Card>
  );
}

/** 接入渠道: SMS gateways, WeChat customer service and e-mail, their health and callback addresses. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [newKind, setNewKind] = useState<ChannelKind>('sms_aliyun');
  const [bindingsOf, setBindingsOf] = useState<ChannelAccount | null>(null);
  const list = useQuery({ queryKey: [CHANNELS_KEY], queryFn: () => get<ChannelAccount[]>(CHANNELS_API) });
  const sync = useMutation({
    mutationFn: (id: string) => post<{ stored: number }>(`${CHANNELS_API}/${id}/sync`),
    onSuccess: (r) => notifySuccess(t('channels.accounts.synced', { stored: r.stored })),
  });
  const edit = (a: ChannelAccount) =>
    setDraft({
      id: a.id,
      kind: a.kind,
      secretsSet: a.secretsSet,
      initial: {
        name: a.name,
        unitId: a.unitId,
        enabled: a.enabled,
        intakeUserId: a.intakeUserId ?? '',
        autoTicket: a.settings.autoTicket ?? true,
        login: a.settings.login === true,
        ...Object.fromEntries(
          Object.entries(a.settings)
            .filter(([k]) => k !== 'login')
            .map(([k, v]) => [`s_${k}`, v ?? '']),
        ),
      },
    });
  const columns: TableColumnsType<ChannelAccount> = [
    { title: t('channels.accounts.name'), dataIndex: 'name' },
    { title: t('channels.accounts.kind'), render: (_, a) => <Tag>{t(`channels.kind.${a.kind}`)}</Tag> },
    { title: t('channels.accounts.unit'), dataIndex: 'unitName' },
    {
      title: t('channels.accounts.status'),
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          {a.enabled ? null : <Tag>{t('common.disabled', { defaultValue: '停用' })}</Tag>}
          {a.lastError ? (
            <Typography.Text type="danger">
              {t('channels.accounts.lastError', { error: a.lastError })}
            </Typography.Text>
          ) : (
            <Tag color="green">{t('channels.accounts.ok')}</Tag>
          )}
          {a.refusedCallbacks > 0 ? (
            <Typography.Text type="warning">
              {t('channels.accounts.refused', { count: a.refusedCallbacks })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('channels.accounts.hooks'),
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          {Object.values(a.hooks).map((h) => (
            <Typography.Text key={h} copyable code style={{ fontSize: 12 }}>
              {`${window.location.origin}${h}`}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      render: (_, a) => (
        <Space>
          <Button size="small" onClick={() => edit(a)}>
            {t('channels.accounts.edit')}
          </Button>
          {INBOUND_KINDS.includes(a.kind) ? (
            <Button size="small" onClick={() => sync.mutate(a.id)} loading={sync.isPending}>
              {t('channels.accounts.sync')}
            </Button>
          ) : null}
          {a.kind === 'wechat_oa' ? (
            <Button size="small" onClick={() => setBindingsOf(a)} data-testid={`oa-bindings-${a.id}`}>
              {t('channels.accounts.oaBindings')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  const accounts = list.data ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('channels.accounts.title')}
        extra={
          <Space>
            <Select
              value={newKind}
              onChange={setNewKind}
              style={{ width: 180 }}
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`channels.kind.${k}`) }))}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() =>
                setDraft({
                  id: null,
                  kind: newKind,
                  secretsSet: [],
                  initial:
                    newKind === 'email'
                      ? {
                          enabled: true,
                          autoTicket: true,
                          s_imapPort: '993',
                          s_imapSecurity: 'tls',
                          s_smtpPort: '465',
                          s_smtpSecurity: 'tls',
                          s_mailbox: 'INBOX',
                          s_pollSeconds: '60',
                        }
                      : { enabled: true, autoTicket: true },
                })
              }
            >
              {t('channels.accounts.add')}
            </Button>
          </Space>
        }
      >
        <Alert type="info" showIcon message={t('channels.accounts.intro')} style={{ marginBottom: 12 }} />
        <div data-testid="channels-table">
          <Table
            rowKey="id"
            loading={list.isLoading}
            dataSource={accounts}
            columns={columns}
            pagination={false}
          />
        </div>
      </Card>
      {accounts
        .filter((a) => !INBOUND_KINDS.includes(a.kind))
        .map((a) => (
          <TemplatesCard key={a.id} account={a} />
        ))}
      {draft ? <AccountForm draft={draft} onClose={() => setDraft(null)} /> : null}
      {bindingsOf ? <OaBindingsModal account={bindingsOf} onClose={() => setBindingsOf(null)} /> : null}
    </Space>
  );
}
