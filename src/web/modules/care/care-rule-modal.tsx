import { Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CareRule } from './care-api';

interface FormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  businessLine: string;
  triggerKind: 'event' | 'date' | 'inactivity';
  event?: string;
  field?: string;
  assetKinds?: string[];
  days?: number;
  amount: number;
  unit: string;
  channel: CareRule['channel'];
  purpose: CareRule['purpose'];
  script: string;
  messageTemplateCode?: string;
  surveyTemplateCode?: string;
  enabled: boolean;
}

function toForm(rule: CareRule | null): Partial<FormValues> {
  if (!rule)
    return {
      triggerKind: 'event',
      event: 'ticket.closed',
      amount: 1,
      unit: 'days',
      channel: 'call',
      purpose: 'service',
      businessLine: 'all',
      enabled: true,
    };
  const tr = rule.trigger;
  return {
    code: rule.code,
    nameZh: rule.nameZh,
    nameEn: rule.nameEn,
    businessLine: rule.businessLine,
    triggerKind: tr.kind,
    event: tr.kind === 'event' ? tr.event : undefined,
    field: tr.kind === 'date' ? tr.field : undefined,
    assetKinds: tr.kind === 'date' ? tr.assetKinds : undefined,
    days: tr.kind === 'inactivity' ? tr.days : undefined,
    amount: rule.offset.amount,
    unit: rule.offset.unit,
    channel: rule.channel,
    purpose: rule.purpose,
    script: rule.script,
    messageTemplateCode: rule.messageTemplateCode ?? undefined,
    surveyTemplateCode: rule.surveyTemplateCode ?? undefined,
    enabled: rule.enabled,
  };
}

function fromForm(v: FormValues): CareRule {
  const trigger: CareRule['trigger'] =
    v.triggerKind === 'event'
      ? { kind: 'event', event: v.event ?? 'ticket.closed' }
      : v.triggerKind === 'inactivity'
        ? { kind: 'inactivity', days: v.days ?? 120 }
        : {
            kind: 'date',
            field: v.field ?? 'birthday',
            ...(v.assetKinds?.length ? { assetKinds: v.assetKinds } : {}),
          };
  return {
    code: v.code,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    businessLine: v.businessLine,
    trigger,
    offset: { amount: v.amount, unit: v.unit },
    channel: v.channel,
    purpose: v.purpose,
    script: v.script,
    messageTemplateCode: v.messageTemplateCode?.trim() || null,
    surveyTemplateCode: v.surveyTemplateCode?.trim() || null,
    enabled: v.enabled,
  };
}

/** Edits one rule for the chosen unit (a shipped default is overridden under its own code). */
export function CareRuleModal({
  rule,
  saving,
  onCancel,
  onSave,
}: {
  rule: CareRule | null;
  saving: boolean;
  onCancel: () => void;
  onSave: (rule: CareRule) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('triggerKind', form);
  const opts = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      width={720}
      title={rule ? `${t('care.rules.edit')} · ${rule.nameZh}` : t('care.rules.newRule')}
      okButtonProps={{ loading: saving }}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onSave(fromForm(v)))}
    >
      <Form form={form} layout="vertical" initialValues={toForm(rule)}>
        <Space wrap>
          <Form.Item
            name="code"
            label={t('care.rules.code')}
            rules={[...required, { pattern: /^[a-z][a-z0-9_]{1,59}$/, message: 'a-z 0-9 _' }]}
          >
            <Input disabled={!!rule} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="nameZh" label={t('care.rules.nameZh')} rules={required}>
            <Input style={{ width: 220 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('care.rules.nameEn')} rules={required}>
            <Input style={{ width: 220 }} maxLength={200} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="triggerKind" label={t('care.rules.when')}>
            <Select
              style={{ width: 140 }}
              options={opts('care.rules.group', ['event', 'date', 'inactivity'])}
            />
          </Form.Item>
          {kind === 'event' && (
            <Form.Item name="event" label={t('care.rules.when')}>
              <Select
                style={{ width: 160 }}
                options={opts('care.rules.event', [
                  'ticket.closed',
                  'workorder.completed',
                  'workorder.closed',
                  'workorder.appointment_agreed',
                  'workorder.left_shop',
                  'order.placed',
                  'care.letter_sent',
                ])}
              />
            </Form.Item>
          )}
          {kind === 'date' && (
            <>
              <Form.Item name="field" label={t('care.rules.when')}>
                <Select
                  style={{ width: 160 }}
                  options={opts('care.rules.field', [
                    'birthday',
                    'holiday',
                    'purchase',
                    'maintenance_due',
                    'inspection_due',
                    'estate_move_in',
                  ])}
                />
              </Form.Item>
              <Form.Item name="assetKinds" label={t('care.detail.assets')}>
                <Select
                  mode="multiple"
                  style={{ width: 200 }}
                  options={['product', 'vehicle', 'house'].map((v) => ({ value: v, label: v }))}
                />
              </Form.Item>
            </>
          )}
          {kind === 'inactivity' && (
            <Form.Item name="days" label={t('care.rules.inactivityDays', { days: 'N' })} rules={required}>
              <InputNumber min={1} max={3650} />
            </Form.Item>
          )}
        </Space>
        <Space wrap>
          <Form.Item name="amount" label={t('care.rules.offset')} rules={required}>
            <InputNumber min={-730} max={43200} />
          </Form.Item>
          <Form.Item name="unit" label=" ">
            <Select
              style={{ width: 120 }}
              options={opts('care.rules.unit', ['minutes', 'hours', 'days', 'working_days', 'months'])}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('care.rules.channel')}>
            <Select
              style={{ width: 100 }}
              options={opts('care.channel', ['call', 'sms', 'email', 'letter'])}
            />
          </Form.Item>
          <Form.Item name="purpose" label={t('care.rules.purpose')}>
            <Select style={{ width: 100 }} options={opts('care.purpose', ['service', 'marketing'])} />
          </Form.Item>
          <Form.Item name="businessLine" label={t('care.rules.line')}>
            <Select
              style={{ width: 120 }}
              options={opts('care.rules.businessLine', [
                'all',
                'automotive',
                'retail',
                'real_estate',
                'appliance',
              ])}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('care.rules.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="script" label={t('care.rules.script')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="messageTemplateCode" label={t('care.rules.template')}>
            <Input style={{ width: 220 }} maxLength={60} />
          </Form.Item>
          <Form.Item name="surveyTemplateCode" label={t('care.rules.survey')}>
            <Input style={{ width: 220 }} maxLength={60} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
