import { useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { KB_SOURCE_KINDS, type ArticleVersionView, type KbSourceKind } from '../../../shared/knowledge';
import { localizedMessage } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';

interface Values {
  unitId?: string;
  question: string;
  answer: string;
  sourceKind: KbSourceKind;
  careRuleCode?: string;
  validFrom: Dayjs;
  validUntil: Dayjs | null;
  isPublic: boolean;
}

export interface ArticleFormBody {
  unitId?: string;
  question: string;
  answer: string;
  sourceKind: KbSourceKind;
  /** CARE-6: the care rule an objection answer serves (null: every rule). */
  careRuleCode?: string | null;
  validFrom: string;
  validUntil: string | null;
  /** PORTAL-1: shown to customers on the portal's 常见问题 board once approved (never objections). */
  isPublic: boolean;
}

/**
 * The answer's form, for a new answer (with the unit it applies to) or a new version of one
 * (prefilled from the latest). Submitting sends it for approval.
 */
export function ArticleFormModal({
  open,
  from,
  onClose,
  onSubmit,
}: {
  open: boolean;
  /** The version a new one starts from; none for a new answer. */
  from?: ArticleVersionView;
  onClose: () => void;
  onSubmit: (body: ArticleFormBody) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { unitId, myUnits } = useCurrentUnit();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial: Partial<Values> = from
    ? {
        question: from.question,
        answer: from.answer,
        sourceKind: from.sourceKind,
        careRuleCode: from.careRuleCode ?? undefined,
        validFrom: dayjs().startOf('day'),
        validUntil: from.validUntil ? dayjs(from.validUntil) : null,
        isPublic: from.isPublic,
      }
    : {
        unitId,
        sourceKind: 'sales_qa',
        validFrom: dayjs().startOf('day'),
        validUntil: null,
        isPublic: false,
      };
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await onSubmit({
        ...(from ? {} : { unitId: v.unitId }),
        question: v.question,
        answer: v.answer,
        sourceKind: v.sourceKind,
        ...(v.sourceKind === 'objection' ? { careRuleCode: v.careRuleCode?.trim() || null } : {}),
        validFrom: v.validFrom.toISOString(),
        validUntil: v.validUntil ? v.validUntil.endOf('day').toISOString() : null,
        isPublic: v.sourceKind !== 'objection' && v.isPublic,
      });
      setError(null);
      form.resetFields();
      onClose();
    } catch (e) {
      setError(localizedMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={from ? t('knowledge.revise') : t('knowledge.newArticle')}
      okText={t('knowledge.submit')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        {!from && (
          <Form.Item name="unitId" label={t('knowledge.unit')} rules={[{ required: true }]}>
            <Select options={myUnits.map((u) => ({ value: u.id, label: u.name }))} data-testid="kb-unit" />
          </Form.Item>
        )}
        <Form.Item
          name="question"
          label={t('knowledge.question')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={500} data-testid="kb-question" />
        </Form.Item>
        <Form.Item
          name="answer"
          label={t('knowledge.answer')}
          extra={t('knowledge.plainText')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={10_000} data-testid="kb-answer" />
        </Form.Item>
        <Form.Item name="sourceKind" label={t('knowledge.sourceKind')} rules={[{ required: true }]}>
          <Select options={KB_SOURCE_KINDS.map((k) => ({ value: k, label: t(`knowledge.source.${k}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['sourceKind']}>
          {({ getFieldValue }) =>
            getFieldValue('sourceKind') === 'objection' ? (
              <Form.Item
                name="careRuleCode"
                label={t('knowledge.careRuleCode')}
                extra={t('knowledge.careRuleCodeHint')}
              >
                <Input maxLength={60} data-testid="kb-care-rule" />
              </Form.Item>
            ) : (
              <Form.Item name="isPublic" valuePropName="checked" extra={t('knowledge.isPublicHint')}>
                <Checkbox data-testid="kb-public">{t('knowledge.isPublic')}</Checkbox>
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="validFrom" label={t('knowledge.validFrom')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('knowledge.validUntil')} extra={t('knowledge.noEnd')}>
          <DatePicker style={{ width: '100%' }} data-testid="kb-valid-until" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
