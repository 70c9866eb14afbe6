import { useEffect } from 'react';
import { Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../api/client';
import type { Unit, UnitKind } from '../../api/types';
import { notifySuccess } from '../../lib/notify';
import { UNITS_KEY } from '../../hooks/use-units';
import { childKinds, UNIT_KINDS } from './unit-tree';
import { BUSINESS_TYPES, type BusinessType } from '../../../shared/org';

export type UnitFormTarget = { mode: 'create'; parent: Unit | null } | { mode: 'edit'; unit: Unit };

interface Values {
  name: string;
  code?: string;
  kind?: UnitKind;
  /** SLA-1: a store's calendar: the store default hours, or its parent's calendar. */
  calendar?: 'kind_default' | 'inherit';
  displayName?: string;
  address?: string;
  servicePhone?: string;
  /** SAT-1: the business type ('' = from the unit above). */
  businessType?: BusinessType | '';
}

/** Creates a child unit, or renames (name and code) an existing one. */
export function UnitFormModal({
  target,
  onClose,
}: {
  target: UnitFormTarget | null;
  onClose: (saved?: Unit) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!target) return;
    if (target.mode === 'edit')
      form.setFieldsValue({
        name: target.unit.name,
        code: target.unit.code ?? undefined,
        displayName: target.unit.displayName ?? undefined,
        address: target.unit.address ?? undefined,
        servicePhone: target.unit.servicePhone ?? undefined,
        businessType: target.unit.businessType ?? '',
      });
    else
      form.setFieldsValue({
        name: '',
        code: undefined,
        displayName: undefined,
        address: undefined,
        servicePhone: undefined,
        businessType: '',
        kind: target.parent ? childKinds(target.parent.kind)[0] : 'headquarters',
        calendar: 'kind_default',
      });
  }, [target, form]);

  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const code = v.code?.trim() || undefined;
      // Empty means "use the unit above": sent as null so a cleared field stops overriding.
      const contact = {
        displayName: v.displayName?.trim() || null,
        address: v.address?.trim() || null,
        servicePhone: v.servicePhone?.trim() || null,
        businessType: v.businessType || null,
      };
      if (target?.mode === 'edit')
        return patch<Unit>(`/api/v1/units/${target.unit.id}`, {
          name: v.name.trim(),
          // Send code only when it changed; null clears it.
          ...((code ?? null) === target.unit.code ? {} : { code: code ?? null }),
          ...contact,
        });
      return post<Unit>('/api/v1/units', {
        parentId: target?.mode === 'create' ? (target.parent?.id ?? null) : null,
        kind: v.kind,
        name: v.name.trim(),
        code,
        ...(v.kind === 'store' ? { calendar: v.calendar ?? 'kind_default' } : {}),
        ...contact,
      });
    },
    onSuccess: async (unit) => {
      notifySuccess(target?.mode === 'edit' ? t('common.saved') : t('common.created'));
      await queryClient.invalidateQueries({ queryKey: [UNITS_KEY] });
      onClose(unit);
    },
  });

  const kinds =
    target?.mode === 'create' ? (target.parent ? childKinds(target.parent.kind) : UNIT_KINDS) : [];
  const title =
    target?.mode === 'edit'
      ? t('units.renameTitle', { name: target.unit.name })
      : target?.parent
        ? t('units.addChildTitle', { name: target.parent.name })
        : t('units.addChild');

  return (
    <Modal
      title={title}
      open={target !== null}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {target?.mode === 'create' && (
          <Form.Item
            name="kind"
            label={t('units.kind')}
            rules={[{ required: true, message: t('units.kindRequired') }]}
          >
            <Select options={kinds.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }, { max: 100 }]}
        >
          <Input data-testid="unit-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('units.code')} rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="businessType" label={t('units.businessType')} extra={t('units.businessTypeHint')}>
          <Select
            data-testid="unit-business-type"
            options={[
              { value: '', label: t('units.businessTypeInherit') },
              ...BUSINESS_TYPES.map((b) => ({ value: b, label: t(`units.businessTypes.${b}`) })),
            ]}
          />
        </Form.Item>
        <Typography.Text strong>{t('units.customerFacing')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('units.customerFacingHint')}
        </Typography.Paragraph>
        <Form.Item name="displayName" label={t('units.displayName')} rules={[{ max: 100 }]}>
          <Input
            maxLength={100}
            placeholder={t('units.displayNamePlaceholder')}
            data-testid="unit-display-name"
          />
        </Form.Item>
        <Form.Item name="address" label={t('units.address')} rules={[{ max: 300 }]}>
          <Input maxLength={300} data-testid="unit-address" />
        </Form.Item>
        <Form.Item
          name="servicePhone"
          label={t('units.servicePhone')}
          rules={[{ max: 30 }, { pattern: /^[0-9+\-() ]*$/, message: t('units.servicePhonePlaceholder') }]}
        >
          <Input
            maxLength={30}
            placeholder={t('units.servicePhonePlaceholder')}
            data-testid="unit-service-phone"
          />
        </Form.Item>
        {target?.mode === 'create' && kind === 'store' && (
          <Form.Item name="calendar" label={t('countsIn.storeHours')}>
            <Radio.Group
              options={[
                { value: 'kind_default', label: t('countsIn.storeHoursDefault') },
                { value: 'inherit', label: t('countsIn.storeHoursInherit') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
