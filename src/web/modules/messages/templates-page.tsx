import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, get, patch, post } from '../../api/client';
import { useCan, useCurrentMe } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { localName } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { ContactHoursEditor } from './contact-hours-card';
import { GatewayApproval } from '../channels';
import {
  MESSAGES_API,
  MSG_PERM,
  TEMPLATES_KEY,
  type MessageChannel,
  type MessageTemplate,
  type TemplatePreview,
  type TemplateVariable,
} from './messages-api';

const TEMPLATES_API = `${MESSAGES_API}/templates`;

function SourceTag({ template, t }: { template: MessageTemplate; t: TFunction }) {
  if (!template.inherited) return <Tag color="blue">{t('messages.templates.sourceOwn')}</Tag>;
  if (template.id === null) return <Tag>{t('messages.templates.sourceShipped')}</Tag>;
  return <Tag color="geekblue">{t('messages.templates.sourceInherited')}</Tag>;
}

interface Draft {
  mode: 'create' | 'update';
  id: string | null;
  code: string;
  channel: MessageChannel;
  name: string;
  subject: string;
  body: string;
  fixedCode: boolean;
}

/** Editor with clickable variable chips and a live preview rendered by the server with sample values. */
function TemplateEditor({
  draft,
  unitId,
  variables,
  onClose,
}: {
  draft: Draft;
  unitId: string;
  variables: TemplateVariable[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<Draft>(draft);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const debounced = useDebouncedValue(value);
  const preview = useQuery({
    queryKey: [TEMPLATES_KEY, 'preview', debounced?.channel, debounced?.subject, debounced?.body],
    queryFn: () =>
      post<TemplatePreview>(`${TEMPLATES_API}/preview`, {
        channel: debounced!.channel,
        subject: debounced!.channel === 'email' ? debounced!.subject : null,
        body: debounced!.body,
      }),
    enabled: !!debounced && debounced.body.length > 0,
  });
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const text = { name: d.name, subject: d.channel === 'email' ? d.subject : null, body: d.body };
      return d.mode === 'update'
        ? patch<MessageTemplate>(`${TEMPLATES_API}/${d.id}`, text)
        : post<MessageTemplate>(TEMPLATES_API, { unitId, code: d.code, channel: d.channel, ...text });
    },
    onSuccess: async () => {
      notifySuccess(t('messages.templates.saved'));
      await queryClient.invalidateQueries({ queryKey: [TEMPLATES_KEY] });
      onClose();
    },
  });
  const set = (change: Partial<Draft>) => setValue({ ...value, ...change });
  const insert = (name: string) => {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    const at = el?.selectionStart ?? value.body.length;
    const end = el?.selectionEnd ?? at;
    set({ body: value.body.slice(0, at) + token + value.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const p = preview.data;
  return (
    <Modal
      open
      width={920}
      title={value.mode === 'update' ? t('messages.templates.edit') : t('messages.templates.customise')}
      onCancel={onClose}
      onOk={() => save.mutate(value)}
      okButtonProps={{
        loading: save.isPending,
        disabled: !value.name.trim() || !value.body.trim() || !value.code,
      }}
    >
      <Row gutter={24}>
        <Col span={14}>
          <Form layout="vertical">
            <Space style={{ width: '100%' }} size="middle">
              <Form.Item
                label={t('messages.templates.code')}
                help={value.fixedCode ? undefined : t('messages.templates.codeHelp')}
              >
                <Input
                  value={value.code}
                  disabled={value.fixedCode}
                  maxLength={60}
                  onChange={(e) => set({ code: e.target.value.trim() })}
                  data-testid="template-code"
                />
              </Form.Item>
              <Form.Item label={t('messages.templates.channelLabel')}>
                <Select<MessageChannel>
                  value={value.channel}
                  disabled={value.fixedCode}
                  style={{ width: 100 }}
                  onChange={(channel) => set({ channel })}
                  options={[
                    { value: 'sms', label: t('messages.channel.sms') },
                    { value: 'email', label: t('messages.channel.email') },
                  ]}
                />
              </Form.Item>
            </Space>
            <Form.Item label={t('messages.templates.name')}>
              <Input value={value.name} maxLength={60} onChange={(e) => set({ name: e.target.value })} />
            </Form.Item>
            {value.channel === 'email' && (
              <Form.Item label={t('messages.templates.subject')}>
                <Input
                  value={value.subject}
                  maxLength={200}
                  onChange={(e) => set({ subject: e.target.value })}
                />
              </Form.Item>
            )}
            <Form.Item label={t('messages.templates.insertVariable')}>
              <Space size={[4, 4]} wrap data-testid="variable-chips">
                {variables.map((v) => (
                  <Tag.CheckableTag
                    key={v.name}
                    checked={false}
                    onChange={() => insert(v.name)}
                    style={{ border: '1px dashed #d9d9d9' }}
                  >
                    {localName(v.zh, v.en)}
                  </Tag.CheckableTag>
                ))}
              </Space>
            </Form.Item>
            <Form.Item label={t('messages.templates.body')}>
              <Input.TextArea
                ref={(r) => {
                  bodyRef.current = r?.resizableTextArea?.textArea ?? null;
                }}
                value={value.body}
                maxLength={2000}
                autoSize={{ minRows: 5, maxRows: 12 }}
                onChange={(e) => set({ body: e.target.value })}
                data-testid="template-body"
              />
            </Form.Item>
          </Form>
        </Col>
        <Col span={10}>
          <Typography.Title level={5}>{t('messages.templates.preview')}</Typography.Title>
          {p && p.unknown.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('messages.templates.unknownVariables', {
                names: p.unknown.map((n) => `{{${n}}}`).join('、'),
              })}
              data-testid="template-unknown"
            />
          )}
          <Card size="small" style={{ background: '#f6ffed' }} data-testid="template-preview">
            {p?.subject && <Typography.Text strong>{p.subject}</Typography.Text>}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {p?.body ?? ''}
            </Typography.Paragraph>
          </Card>
          {p && value.channel === 'sms' && (
            <Typography.Text type="secondary">
              {t('messages.templates.smsLength', { length: p.length, parts: p.smsParts })}
            </Typography.Text>
          )}
        </Col>
      </Row>
    </Modal>
  );
}

/** 消息模板: the templates in force at a unit, edited per unit with variable chips and a live preview. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const can = useCan();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string | undefined>(me.memberships[0]?.unitId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const list = useQuery({
    queryKey: [TEMPLATES_KEY, unitId],
    queryFn: () =>
      get<{ items: MessageTemplate[]; variables: TemplateVariable[] }>(TEMPLATES_API, { unitId }),
    enabled: !!unitId,
  });
  const restore = useMutation({
    mutationFn: (id: string) => api<void>(`${TEMPLATES_API}/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySuccess(t('messages.templates.restored'));
      await queryClient.invalidateQueries({ queryKey: [TEMPLATES_KEY] });
    },
  });
  const editable = can(MSG_PERM.templates);
  const items = list.data?.items ?? [];
  const edit = (r: MessageTemplate) =>
    setDraft({
      mode: r.inherited ? 'create' : 'update',
      id: r.id,
      code: r.code,
      channel: r.channel,
      name: r.name,
      subject: r.subject ?? '',
      body: r.body,
      fixedCode: true,
    });
  const columns: TableColumnsType<MessageTemplate> = [
    {
      title: t('messages.templates.name'),
      key: 'name',
      width: 220,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('messages.templates.channelLabel'),
      key: 'channel',
      width: 80,
      render: (_, r) => <Tag>{t(`messages.channel.${r.channel}`)}</Tag>,
    },
    {
      title: t('messages.templates.body'),
      key: 'body',
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
          {r.subject ? <strong>{r.subject}：</strong> : null}
          {r.body}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('messages.templates.source'),
      key: 'source',
      width: 110,
      render: (_, r) => <SourceTag template={r} t={t} />,
    },
    {
      title: t('channels.templates.gateway'),
      key: 'gateway',
      width: 130,
      render: (_, r) => (r.channel === 'sms' ? <GatewayApproval templateCode={r.code} /> : null),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, r) =>
        editable ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => edit(r)} data-testid="template-edit">
              {r.inherited ? t('messages.templates.customise') : t('messages.templates.edit')}
            </Button>
            {!r.inherited && r.id && (
              <Popconfirm
                title={t('messages.templates.restoreConfirm')}
                onConfirm={() => restore.mutate(r.id!)}
              >
                <Button type="link" size="small" danger>
                  {t('messages.templates.restore')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('messages.templates.title')}
      extra={
        <Space>
          {unitId && (
            <ListExportButton
              path={`${TEMPLATES_API}/export.xlsx`}
              filters={{ unitId }}
              filename={t('messages.templates.title')}
            />
          )}
          {editable && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!unitId}
              onClick={() =>
                setDraft({
                  mode: 'create',
                  id: null,
                  code: '',
                  channel: 'sms',
                  name: '',
                  subject: '',
                  body: '',
                  fixedCode: false,
                })
              }
            >
              {t('messages.templates.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('messages.templates.intro', { example: '{{customerName}}' })}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('messages.templates.unit')}</span>
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} />
        {unitId && <ContactHoursEditor unitId={unitId} />}
      </Space>
      <Table<MessageTemplate>
        rowKey="code"
        size="middle"
        loading={list.isFetching}
        dataSource={items}
        columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: true }}
        locale={{ emptyText: unitId ? undefined : t('messages.templates.pickUnit') }}
        data-testid="templates-table"
      />
      {unitId && draft && (
        <TemplateEditor
          key={`${draft.mode}:${draft.code}:${draft.id ?? ''}`}
          draft={draft}
          unitId={unitId}
          variables={list.data?.variables ?? []}
          onClose={() => setDraft(null)}
        />
      )}
    </Card>
  );
}
