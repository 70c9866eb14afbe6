import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Alert, Col, DatePicker, Divider, Form, Input, Row, Switch } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, localizedMessage, patch, post } from '../../api/client';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { showError } from '../../lib/notify';
import { AddressesField, AssetsField, PhonesField } from './customer-form-lists';
import { CUSTOMERS_KEY, customerPath } from './customer-types';
import type { AssetKind, Customer } from './customer-types';
import { enterDoesNotSubmit } from '../../lib/form-keys';

interface PhoneValue {
  id?: string;
  number?: string;
  label?: string;
  isPrimary?: boolean;
}
interface AssetValue {
  id?: string;
  kind: AssetKind;
  name: string;
  model?: string;
  number?: string;
  purchaseDate?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  serviceIntervalDays?: number | null;
  note?: string;
}
export interface CustomerFormValues {
  unitId?: string;
  name: string;
  birthday?: Dayjs | null;
  source?: string;
  identityNumber?: string;
  note?: string;
  attention?: boolean;
  attentionReason?: string;
  attentionNote?: string;
  phones?: PhoneValue[];
  addresses?: Array<{ id?: string; label?: string; address: string }>;
  assets?: AssetValue[];
}

/** What the form starts from: an existing record, or a new one (maybe prefilled by a call). */
export type CustomerFormTarget =
  | { mode: 'edit'; customer: Customer }
  | { mode: 'create'; unitId?: string | null; phone?: string; draft?: boolean };

const text = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const toDay = (s: string | null) => (s ? dayjs(s) : null);

function initialValues(target: CustomerFormTarget): Partial<CustomerFormValues> {
  if (target.mode === 'create')
    return {
      unitId: target.unitId ?? undefined,
      phones: target.phone ? [{ number: target.phone, isPrimary: true }] : [],
      addresses: [],
      assets: [],
    };
  const c = target.customer;
  return {
    name: c.name,
    birthday: toDay(c.birthday),
    source: c.source ?? undefined,
    identityNumber: c.masked ? undefined : (c.identityNumber ?? undefined),
    note: c.note ?? undefined,
    attention: c.specialAttention !== null,
    attentionReason: c.specialAttention?.reason,
    attentionNote: c.specialAttention?.note ?? undefined,
    phones: c.phones.map((p) => ({
      id: p.id,
      number: p.number,
      label: p.label ?? undefined,
      isPrimary: p.isPrimary,
    })),
    addresses: c.addresses.map((a) => ({ id: a.id, label: a.label ?? undefined, address: a.address })),
    assets: c.assets.map((a) => ({
      ...a,
      model: a.model ?? undefined,
      number: a.number ?? undefined,
      note: a.note ?? undefined,
      purchaseDate: toDay(a.purchaseDate),
      warrantyEnd: toDay(a.warrantyEnd),
    })),
  };
}

function toBody(v: CustomerFormValues, editing: Customer | null) {
  const original = new Map(editing?.phones.map((p) => [p.id, p.number]));
  return {
    name: v.name.trim(),
    birthday: day(v.birthday),
    source: text(v.source),
    // A masked ID number shown to this person is left alone unless they type a new one.
    ...(editing?.masked && !text(v.identityNumber) ? {} : { identityNumber: text(v.identityNumber) }),
    note: text(v.note),
    // Saving the full form completes a record first taken down as a draft during a call.
    ...(editing?.draft ? { draft: false } : {}),
    specialAttention: v.attention
      ? { reason: (v.attentionReason ?? '').trim(), note: text(v.attentionNote) }
      : null,
    phones: (v.phones ?? []).map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      // An unchanged existing number is kept by id; masked agents could not send it anyway.
      ...(p.id && original.get(p.id) === p.number ? {} : { number: (p.number ?? '').trim() }),
      label: text(p.label),
      isPrimary: p.isPrimary ?? false,
    })),
    addresses: (v.addresses ?? []).map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      label: text(a.label),
      address: a.address.trim(),
    })),
    assets: (v.assets ?? []).map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      kind: a.kind,
      name: a.name.trim(),
      model: text(a.model),
      number: text(a.number),
      purchaseDate: day(a.purchaseDate),
      warrantyEnd: day(a.warrantyEnd),
      serviceIntervalDays: a.serviceIntervalDays ?? null,
      note: text(a.note),
    })),
  };
}

/** Puts the server's phone error next to the number it is about (IN-3: "not a phone number"). */
function showPhoneError(form: FormInstance<CustomerFormValues>, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'customers.invalid_phone') return false;
  const bad = (error.details as { number?: string | null } | undefined)?.number;
  const phones = form.getFieldValue('phones') as PhoneValue[] | undefined;
  let index = (phones ?? []).findIndex((p) => (p.number ?? '').trim() === bad);
  if (index < 0) index = (phones ?? []).findIndex((p) => !p.id);
  if (index < 0) return false;
  form.setFields([{ name: ['phones', index, 'number'], errors: [localizedMessage(error)] }]);
  return true;
}

/**
 * Creates or edits a customer: name, phones, addresses, assets and the special-attention flag.
 * The caller places the submit button (`form.submit()`) and receives the saved record.
 */
export function CustomerForm({
  form,
  target,
  onSaved,
  onPendingChange,
  children,
}: {
  form: FormInstance<CustomerFormValues>;
  target: CustomerFormTarget;
  onSaved: (customer: Customer) => void;
  onPendingChange?: (pending: boolean) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const editing = target.mode === 'edit' ? target.customer : null;

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialValues(target));
  }, [target, form]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: CustomerFormValues) =>
      editing
        ? patch<Customer>(customerPath(editing.id), toBody(v, editing))
        : post<Customer>('/api/v1/customers', {
            ...toBody(v, null),
            unitId: v.unitId,
            ...(target.mode === 'create' && target.draft ? { draft: true } : {}),
          }),
    onMutate: () => onPendingChange?.(true),
    onSettled: () => onPendingChange?.(false),
    onError: (error) => {
      if (!showPhoneError(form, error)) showError(error);
    },
    onSuccess: async (customer) => {
      await queryClient.invalidateQueries({ queryKey: [CUSTOMERS_KEY] });
      onSaved(customer);
    },
  });

  return (
    <Form
      onKeyDown={enterDoesNotSubmit()}
      form={form}
      layout="vertical"
      onFinish={(v) => save.mutate(v)}
      data-testid="customer-form"
    >
      {editing && !editing.draft && (
        <Alert type="info" showIcon title={t('customers.changes.hint')} style={{ marginBottom: 12 }} />
      )}
      {!editing && (
        <Form.Item
          name="unitId"
          label={t('customers.unit')}
          rules={[{ required: true, message: t('common.selectUnit') }]}
        >
          <UnitTreeSelect data-testid="customer-unit" />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('customers.name')}
            rules={[{ required: true, whitespace: true, message: t('customers.nameRequired') }]}
          >
            <Input autoFocus maxLength={100} data-testid="customer-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="source" label={t('customers.source')}>
            <Input maxLength={60} placeholder={t('customers.sourcePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('customers.phones')}
      </Divider>
      <PhonesField />
      <Form.Item label={t('customers.attention')} style={{ marginBottom: 8 }}>
        <Form.Item name="attention" valuePropName="checked" noStyle>
          <Switch data-testid="customer-attention" />
        </Form.Item>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.attention !== b.attention}>
        {({ getFieldValue }) =>
          getFieldValue('attention') ? (
            <>
              <Form.Item
                name="attentionReason"
                label={t('customers.attentionReason')}
                rules={[
                  { required: true, whitespace: true, message: t('customers.attentionReasonRequired') },
                ]}
              >
                <Input maxLength={200} placeholder={t('customers.attentionReasonPlaceholder')} />
              </Form.Item>
              <Form.Item name="attentionNote" label={t('customers.attentionNote')}>
                <Input.TextArea
                  rows={2}
                  maxLength={1000}
                  placeholder={t('customers.attentionNotePlaceholder')}
                />
              </Form.Item>
            </>
          ) : null
        }
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('customers.addresses')}
      </Divider>
      <AddressesField />
      <Divider titlePlacement="start" plain>
        {t('customers.assets')}
      </Divider>
      <AssetsField />
      <Divider titlePlacement="start" plain>
        {t('customers.moreInfo')}
      </Divider>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="birthday" label={t('customers.birthday')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="identityNumber" label={t('customers.identityNumber')}>
            <Input
              maxLength={40}
              placeholder={editing?.masked ? (editing.identityNumber ?? undefined) : undefined}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('customers.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {children}
    </Form>
  );
}
