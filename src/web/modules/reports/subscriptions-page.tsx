import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import {
  DELIVERABLE_REPORT_LABELS,
  DELIVERABLE_REPORTS,
  MONTHLY_ONLY_REPORTS,
  SUBSCRIPTION_FREQUENCIES,
  type DeliverableReport,
  type Subscription,
  type SubscriptionFrequency,
} from '../../../shared/reports';
import { REPORTS_API } from './reports-api';

interface FormValues {
  unitId: string;
  report: DeliverableReport;
  frequency: SubscriptionFrequency;
  recipients: string;
}

/** 报表定时发送 (RPT-6): a report e-mailed as an Excel attachment every week or month. */
export function SubscriptionsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const reportName = (k: DeliverableReport) => DELIVERABLE_REPORT_LABELS[k][lang];
  const { unitId } = useCurrentUnit();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  // Report-month reports (satisfaction, quality review) go out after each cut-off only.
  const chosen = Form.useWatch('report', form);
  const monthlyOnly = !!chosen && MONTHLY_ONLY_REPORTS.includes(chosen);
  const list = useQuery({
    queryKey: ['reports', 'subscriptions'],
    queryFn: ({ signal }) =>
      get<{ items: Subscription[] }>(`${REPORTS_API}/subscriptions`, undefined, signal),
  });
  const add = useMutation({
    mutationFn: (v: FormValues) =>
      post<Subscription>(`${REPORTS_API}/subscriptions`, {
        unitId: v.unitId,
        report: v.report,
        frequency: v.frequency,
        recipients: v.recipients
          .split(/[\s,，;；]+/)
          .map((r) => r.trim())
          .filter(Boolean),
      }),
    onSuccess: async () => {
      notifySuccess(t('reports.subscriptions.added'));
      form.resetFields(['recipients']);
      await queryClient.invalidateQueries({ queryKey: ['reports', 'subscriptions'] });
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`${REPORTS_API}/subscriptions/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySuccess(t('reports.subscriptions.removed'));
      await queryClient.invalidateQueries({ queryKey: ['reports', 'subscriptions'] });
    },
    onError: showError,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('reports.subscriptions.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('reports.subscriptions.intro')} />
      <Card size="small" title={t('reports.subscriptions.add')}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ unitId, report: 'monthly', frequency: 'monthly' }}
          onFinish={(v) => add.mutate(v)}
        >
          <Form.Item name="unitId" label={t('reports.subscriptions.unit')} rules={[{ required: true }]}>
            <UnitTreeSelect style={{ minWidth: 200 }} />
          </Form.Item>
          <Form.Item name="report" label={t('reports.subscriptions.report')}>
            <Select
              style={{ width: 180 }}
              data-testid="subscription-report"
              options={DELIVERABLE_REPORTS.map((k) => ({ value: k, label: reportName(k) }))}
              onChange={(k: DeliverableReport) => {
                if (MONTHLY_ONLY_REPORTS.includes(k)) form.setFieldValue('frequency', 'monthly');
              }}
            />
          </Form.Item>
          <Form.Item name="frequency" label={t('reports.subscriptions.frequency')}>
            <Select
              style={{ width: 170 }}
              options={SUBSCRIPTION_FREQUENCIES.map((f) => ({
                value: f,
                label: t(`reports.frequency.${f}`),
                disabled: monthlyOnly && f === 'weekly',
              }))}
            />
          </Form.Item>
          <Form.Item
            name="recipients"
            label={t('reports.subscriptions.recipients')}
            tooltip={t('reports.subscriptions.recipientsHint')}
            rules={[{ required: true }]}
          >
            <Input style={{ width: 320 }} placeholder="manager@example.com" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('reports.subscriptions.add')}
          </Button>
        </Form>
      </Card>
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('reports.subscriptions.empty') }}
        columns={[
          { title: t('reports.subscriptions.unit'), dataIndex: 'unitName' },
          {
            title: t('reports.subscriptions.report'),
            dataIndex: 'report',
            render: (v: DeliverableReport) => reportName(v),
          },
          {
            title: t('reports.subscriptions.frequency'),
            dataIndex: 'frequency',
            render: (v: SubscriptionFrequency) => t(`reports.frequency.${v}`),
          },
          {
            title: t('reports.subscriptions.recipients'),
            dataIndex: 'recipients',
            render: (v: string[]) => v.join('，'),
          },
          {
            title: t('reports.common.receivedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatTime(v),
          },
          {
            key: 'remove',
            render: (_, s) => (
              <Popconfirm title={t('reports.subscriptions.remove')} onConfirm={() => remove.mutate(s.id)}>
                <Button type="link" danger size="small">
                  {t('reports.subscriptions.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
