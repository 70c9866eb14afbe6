import { useEffect } from 'react';
import { Alert, Button, Card, Form, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { notifySuccess } from '../../lib/notify';
import { CAUSE_ANALYSIS_TRIGGERS } from './complaint-types';
import type { CauseAnalysisTrigger, ComplaintSettings } from './complaint-types';

interface FormValues {
  causeAnalysisTrigger: CauseAnalysisTrigger;
  thresholdYuan: number;
  clusterMinCount: number;
  clusterWindowDays: number;
}

const SETTINGS_KEY = 'complaint-settings';

/**
 * 投诉规则 of the unit chosen in the header: when a cause-analysis meeting opens (CMP-4, by
 * default for every product complaint), the claim amount, and the cluster rule (CMP-8). A unit
 * without its own rules inherits them from above; complaints.manage may set or clear its own.
 */
export function ComplaintSettingsPage() {
  const { t } = useTranslation();
  const { unitId, myUnits } = useCurrentUnit();
  const can = useCan();
  const mayEdit = can('complaints.manage');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const trigger = Form.useWatch('causeAnalysisTrigger', form);
  const settings = useQuery({
    queryKey: [SETTINGS_KEY, unitId ?? null],
    queryFn: ({ signal }) => get<ComplaintSettings>('/api/v1/complaint-settings', { unitId }, signal),
    enabled: !!unitId,
  });
  const data = settings.data;
  useEffect(() => {
    if (data)
      form.setFieldsValue({
        causeAnalysisTrigger: data.causeAnalysisTrigger,
        thresholdYuan: data.seriousClaimThresholdFen / 100,
        clusterMinCount: data.clusterMinCount,
        clusterWindowDays: data.clusterWindowDays,
      });
  }, [data, form]);
  const done = async (message: string, next: ComplaintSettings) => {
    queryClient.setQueryData([SETTINGS_KEY, unitId ?? null], next);
    notifySuccess(t(message));
    await queryClient.invalidateQueries({ queryKey: [SETTINGS_KEY] });
  };
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api<ComplaintSettings>(`/api/v1/complaint-settings?unitId=${unitId}`, {
        method: 'PUT',
        body: {
          causeAnalysisTrigger: v.causeAnalysisTrigger,
          seriousClaimThresholdFen: Math.round(v.thresholdYuan * 100),
          clusterMinCount: v.clusterMinCount,
          clusterWindowDays: v.clusterWindowDays,
        },
      }),
    onSuccess: (next) => done('complaintFlow.rules.saved', next),
  });
  const reset = useMutation({
    mutationFn: () =>
      api<ComplaintSettings>(`/api/v1/complaint-settings?unitId=${unitId}`, { method: 'DELETE' }),
    onSuccess: (next) => done('complaintFlow.rules.resetDone', next),
  });
  if (!unitId) return <Alert type="info" title={t('complaintFlow.rules.pickUnit')} />;
  const unitName = myUnits.find((u) => u.id === unitId)?.name ?? '';
  return (
    <Card
      title={t('complaintFlow.rules.title')}
      loading={settings.isLoading}
      extra={
        data && (
          <Space>
            <Typography.Text type="secondary">
              {t('complaintFlow.rules.unit', { unit: unitName })}
            </Typography.Text>
            <Tag data-testid="complaint-settings-source">
              {t(`complaintFlow.rules.source.${data.source}`)}
            </Tag>
          </Space>
        )
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={!mayEdit}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="causeAnalysisTrigger"
          label={t('complaintFlow.rules.trigger')}
          extra={t('complaintFlow.rules.triggerHelp')}
        >
          <Radio.Group
            orientation="vertical"
            options={CAUSE_ANALYSIS_TRIGGERS.map((v) => ({
              value: v,
              label: t(`complaintFlow.rules.triggers.${v}`),
            }))}
            data-testid="complaint-settings-trigger"
          />
        </Form.Item>
        <Form.Item
          name="thresholdYuan"
          label={t('complaintFlow.rules.threshold')}
          extra={t('complaintFlow.rules.thresholdHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber
            min={0}
            max={20_000_000}
            precision={2}
            disabled={trigger === 'off' || !mayEdit}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Space size="large" align="start">
          <Form.Item
            name="clusterMinCount"
            label={t('complaintFlow.rules.clusterMinCount')}
            rules={[{ required: true }]}
          >
            <InputNumber min={2} max={100} precision={0} />
          </Form.Item>
          <Form.Item
            name="clusterWindowDays"
            label={t('complaintFlow.rules.clusterWindowDays')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('complaintFlow.rules.clusterHelp')}</Typography.Paragraph>
        {mayEdit && (
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              data-testid="complaint-settings-save"
            >
              {t('complaintFlow.rules.save')}
            </Button>
            {data?.source === 'own' && (
              <Button onClick={() => reset.mutate()} loading={reset.isPending}>
                {t('complaintFlow.rules.reset')}
              </Button>
            )}
          </Space>
        )}
      </Form>
    </Card>
  );
}
