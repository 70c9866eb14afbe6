import { useState } from 'react';
import { Button, Checkbox, Flex, Form, InputNumber, Modal, Select, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get, localizedMessage, post } from '../../api/client';
import { ListExportButton } from '../../components/list-export-button';
import { ListTable } from '../../components/list-table';
import { formatTime } from '../../lib/format';
import { CustomerSelect } from '../customers/customer-select';
import {
  JOURNEYS_KEY,
  type JourneyDetail,
  type JourneySummary,
  type JourneyTemplateRow,
} from './journeys-api';
import { useJourneyLabels } from './journey-labels';

/** Latest version of each template code. */
export function latestTemplates(rows: readonly JourneyTemplateRow[]): JourneyTemplateRow[] {
  const seen = new Map<string, JourneyTemplateRow>();
  for (const r of rows) if ((seen.get(r.code)?.version ?? 0) < r.version) seen.set(r.code, r);
  return [...seen.values()];
}

/** 服务流程: the journeys, filtered by template, stage and overdue, exported; a new one started. */
export function JourneysPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { label } = useJourneyLabels();
  const [templateCode, setTemplateCode] = useState<string | undefined>();
  const [stage, setStage] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [starting, setStarting] = useState(false);
  const templates = useQuery({
    queryKey: [JOURNEYS_KEY, 'templates'],
    queryFn: ({ signal }) =>
      get<{ items: JourneyTemplateRow[] }>('/api/v1/journeys/templates', undefined, signal),
  });
  const query = { templateCode, stage, overdue: overdue ? 'true' : undefined, pageSize: 100 };
  const list = useQuery({
    queryKey: [JOURNEYS_KEY, 'list', query],
    queryFn: ({ signal }) =>
      get<{ items: JourneySummary[]; total: number }>('/api/v1/journeys', query, signal),
  });
  const latest = latestTemplates(templates.data?.items ?? []);
  const chosen = latest.find((x) => x.code === templateCode);
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('journeys.title')}
        </Typography.Title>
        <Flex gap={8}>
          <ListExportButton
            path="/api/v1/journeys/export.xlsx"
            filters={{ templateCode, stage, overdue: overdue ? 'true' : undefined }}
            filename={t('journeys.title')}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="start-journey"
            onClick={() => setStarting(true)}
          >
            {t('journeys.start')}
          </Button>
        </Flex>
      </Flex>
      <Flex gap={8} wrap align="center">
        <Select
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('journeys.allTemplates')}
          value={templateCode}
          onChange={(v: string | undefined) => {
            setTemplateCode(v);
            setStage(undefined);
          }}
          options={latest.map((x) => ({ value: x.code, label: en ? x.nameEn : x.nameZh }))}
        />
        <Select
          allowClear
          disabled={!chosen}
          style={{ minWidth: 240 }}
          placeholder={t('journeys.stageFilter')}
          value={stage}
          onChange={(v: string | undefined) => setStage(v)}
          options={(chosen?.definition.stages ?? []).map((s) => ({
            value: s.key,
            label: en ? s.nameEn : s.nameZh,
          }))}
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          {t('journeys.overdueOnly')}
        </Checkbox>
      </Flex>
      <ListTable
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          {
            title: t('journeys.customer'),
            render: (_, r) => <Link to={`/journeys/${r.id}`}>{r.customerName ?? r.customerId}</Link>,
          },
          {
            title: t('journeys.template'),
            render: (_, r) => `${en ? r.templateNameEn : r.templateNameZh} v${r.templateVersion}`,
          },
          {
            title: t('journeys.stage'),
            render: (_, r) =>
              r.stage ? en ? r.stageNameEn : r.stageNameZh : <Tag>{t('journeys.finished')}</Tag>,
          },
          {
            title: t('journeys.role'),
            dataIndex: 'stageRole',
            render: (role: string | null) => (role ? label('role', role) : null),
          },
          {
            title: t('journeys.due'),
            render: (_, r) =>
              r.stageDueAt ? (
                <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                  {formatTime(r.stageDueAt)} {r.overdue && <Tag color="red">{t('journeys.overdue')}</Tag>}
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('journeys.unit'), dataIndex: 'unitName' },
          { title: t('journeys.startedAt'), render: (_, r) => formatTime(r.createdAt) },
        ]}
      />
      <StartDialog open={starting} onClose={() => setStarting(false)} templates={latest} />
    </Flex>
  );
}

function StartDialog(props: { open: boolean; onClose: () => void; templates: JourneyTemplateRow[] }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ templateCode: string; customerId: string; contractYuan?: number }>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: (v: { templateCode: string; customerId: string; contractYuan?: number }) =>
      post<JourneyDetail>('/api/v1/journeys', {
        templateCode: v.templateCode,
        customerId: v.customerId,
        ...(v.contractYuan != null ? { contractFen: Math.round(v.contractYuan * 100) } : {}),
      }),
    onSuccess: (j) => {
      void client.invalidateQueries({ queryKey: [JOURNEYS_KEY] });
      props.onClose();
      void navigate(`/journeys/${j.id}`);
    },
    onError: (e) => void message.error(localizedMessage(e)),
  });
  return (
    <Modal
      open={props.open}
      title={t('journeys.start')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={start.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => start.mutate(v)}>
        <Form.Item name="templateCode" label={t('journeys.template')} rules={[{ required: true }]}>
          <Select
            data-testid="journey-template"
            options={props.templates.map((x) => ({
              value: x.code,
              label: `${i18n.language === 'en' ? x.nameEn : x.nameZh} v${x.version}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="customerId" label={t('journeys.customer')} rules={[{ required: true }]}>
          <CustomerSelect />
        </Form.Item>
        <Form.Item name="contractYuan" label={t('journeys.contract')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
