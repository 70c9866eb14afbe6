import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { notifySuccess, showError } from '../../lib/notify';
import type { FormItemInput, QualityForm } from '../../../shared/quality';
import { QUALITY_API } from './quality-api';

/** 质检评分表: the company's (or a unit's) scoring items; saving adds a version (RPT-7). */
export function QualityFormPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { unitId: currentUnit } = useCurrentUnit();
  const [unitId, setUnitId] = useState<string | undefined>(currentUnit);
  const [form] = Form.useForm<{ items: FormItemInput[] }>();
  const current = useQuery({
    queryKey: ['quality', 'form', unitId],
    queryFn: ({ signal }) => get<QualityForm>(`${QUALITY_API}/form`, { unitId }, signal),
    enabled: !!unitId,
  });
  useEffect(() => {
    if (current.data) form.setFieldsValue({ items: current.data.items });
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (items: FormItemInput[]) =>
      api<QualityForm>(`${QUALITY_API}/form`, { method: 'PUT', body: { unitId, items } }),
    onSuccess: (saved) => {
      client.setQueryData(['quality', 'form', unitId], saved);
      notifySuccess(t('quality.form.saved', { version: saved.version }));
    },
    onError: showError,
  });
  const items = Form.useWatch('items', form) ?? [];
  const total = items.reduce((n, i) => n + (Number(i?.maxPoints) || 0), 0);
  const source = current.data
    ? current.data.id
      ? t('quality.review.formVersion', { version: current.data.version })
      : t('quality.review.defaultForm')
    : '';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('quality.form.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('quality.form.hint')}</Typography.Text>
      </div>
      <Flex gap={12} align="center">
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} />
        {source && <Alert type="info" showIcon title={t('quality.form.inherited', { source })} />}
      </Flex>
      <Card size="small" loading={current.isLoading}>
        <Form form={form} onFinish={(v) => save.mutate(v.items)} data-testid="quality-form">
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      name={[field.name, 'key']}
                      rules={[
                        { required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('quality.form.key') },
                      ]}
                    >
                      <Input placeholder={t('quality.form.key')} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'labelZh']}
                      rules={[{ required: true, message: t('quality.review.required') }]}
                    >
                      <Input placeholder={t('quality.form.labelZh')} style={{ width: 240 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'labelEn']}
                      rules={[{ required: true, message: t('quality.review.required') }]}
                    >
                      <Input placeholder={t('quality.form.labelEn')} style={{ width: 240 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxPoints']}
                      rules={[{ required: true, message: t('quality.review.required') }]}
                    >
                      <InputNumber
                        min={1}
                        max={100}
                        precision={0}
                        placeholder={t('quality.form.maxPoints')}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Flex justify="space-between" align="center">
                  <Button icon={<PlusOutlined />} onClick={() => add({ maxPoints: 10 })}>
                    {t('quality.form.add')}
                  </Button>
                  <Space>
                    <Typography.Text>{t('quality.form.total', { points: total })}</Typography.Text>
                    <Button
                      type="primary"
                      htmlType="submit"
                      loading={save.isPending}
                      data-testid="quality-form-save"
                    >
                      {t('quality.form.save')}
                    </Button>
                  </Space>
                </Flex>
              </>
            )}
          </Form.List>
        </Form>
      </Card>
    </Space>
  );
}
