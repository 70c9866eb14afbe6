import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get, post } from '../../api/client';
import { ListExportButton } from '../../components/list-export-button';
import { notifySuccess, showError } from '../../lib/notify';
import { CARE_API, CARE_KEY, type CareRule, type Objection } from './care-api';

/** CARE-6: standard answers to common objections, kept per unit until a knowledge base exists. */
export function CareObjections({
  unitId,
  manage,
  ruleCodes,
}: {
  unitId: string;
  manage: boolean;
  ruleCodes: CareRule[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ ruleCode?: string; objection: string; answer: string }>();
  const key = [CARE_KEY, 'objections', unitId];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<{ items: Objection[] }>(`${CARE_API}/units/${unitId}/objections`, undefined, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (v: { ruleCode?: string; objection: string; answer: string }) =>
      post<Objection>(`${CARE_API}/objections`, {
        unitId,
        ruleCode: v.ruleCode ?? null,
        objection: v.objection,
        answer: v.answer,
      }),
    onSuccess: async () => {
      form.resetFields();
      await refresh();
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`${CARE_API}/objections/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySuccess(t('care.rules.delete'));
      await refresh();
    },
    onError: showError,
  });
  const items = list.data?.items ?? [];
  const ruleName = (code: string | null) =>
    code ? (ruleCodes.find((r) => r.code === code)?.nameZh ?? code) : t('care.rules.allRules');
  return (
    <Card
      title={t('care.rules.objections')}
      extra={
        <ListExportButton
          path={`${CARE_API}/objections/export.xlsx`}
          filters={{ unitId }}
          filename={t('care.rules.objections')}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('care.rules.objectionsNote')}</Typography.Paragraph>
      {manage && (
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ marginBottom: 12 }}>
          <Form.Item name="ruleCode">
            <Select
              allowClear
              placeholder={t('care.rules.allRules')}
              style={{ width: 220 }}
              options={ruleCodes.map((r) => ({ value: r.code, label: r.nameZh }))}
            />
          </Form.Item>
          <Form.Item name="objection" rules={[{ required: true, message: t('common.required') }]}>
            <Input placeholder={t('care.rules.objection')} maxLength={300} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="answer" rules={[{ required: true, message: t('common.required') }]}>
            <Input placeholder={t('care.rules.answer')} maxLength={3000} style={{ width: 360 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('care.rules.addObjection')}
          </Button>
        </Form>
      )}
      <Table<Objection>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('care.rules.forRule'), key: 'rule', width: 200, render: (_, r) => ruleName(r.ruleCode) },
          { title: t('care.rules.objection'), dataIndex: 'objection', width: 220 },
          { title: t('care.rules.answer'), dataIndex: 'answer' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, r) =>
              manage && (
                <Space>
                  <Popconfirm title={t('care.rules.delete')} onConfirm={() => remove.mutate(r.id)}>
                    <Button type="link" size="small" danger>
                      {t('care.rules.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
