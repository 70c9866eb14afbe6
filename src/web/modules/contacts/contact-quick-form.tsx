import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { notifySuccess } from '../../lib/notify';
import { CustomerSelect } from '../customers/customer-select';
import { CONTACT_CHANNELS, CONTACTS_KEY, LETTER_CATEGORIES } from './contact-types';
import type { Contact, ContactChannel, LetterCategory } from './contact-types';

interface Values {
  channel: ContactChannel;
  direction: 'inbound' | 'outbound';
  customerId?: string;
  phoneNumber?: string;
  summary: string;
  letterCategory?: LetterCategory;
  sender?: string;
  receivedOn?: Dayjs | null;
  letterRoutedToUnitId?: string;
}

const text = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/**
 * Logs a call, visit or letter in a few keystrokes (IN-2, IN-8): the summary has the focus and Enter
 * saves; channel and customer keep their values for the next entry.
 */
export function ContactQuickForm({ letters }: { letters: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { unitId } = useCurrentUnit();
  const log = useMutation({
    mutationFn: (v: Values) =>
      post<Contact>('/api/v1/contacts', {
        channel: letters ? 'letter' : v.channel,
        direction: letters ? 'inbound' : v.direction,
        summary: v.summary.trim(),
        // The server files it under the customer's unit; without a customer, under the one chosen in the header.
        ...(v.customerId ? { customerId: v.customerId } : { unitId }),
        ...(text(v.phoneNumber) ? { phoneNumber: text(v.phoneNumber) } : {}),
        ...(letters
          ? {
              letterCategory: v.letterCategory,
              ...(text(v.sender) ? { sender: text(v.sender) } : {}),
              ...(v.receivedOn ? { receivedOn: v.receivedOn.format('YYYY-MM-DD') } : {}),
              ...(v.letterRoutedToUnitId ? { letterRoutedToUnitId: v.letterRoutedToUnitId } : {}),
            }
          : {}),
      }),
    onSuccess: async (contact) => {
      notifySuccess(
        contact.letter?.coordinationSheet
          ? t('letters.sheet.autoIssued', { number: contact.letter.coordinationSheet.number })
          : contact.letter?.routedTo
            ? t('contacts.letterLogged', { unit: contact.letter.routedTo.name })
            : t('contacts.logged'),
      );
      form.resetFields(['summary', 'phoneNumber', 'sender', 'receivedOn', 'letterRoutedToUnitId']);
      form.focusField('summary');
      await queryClient.invalidateQueries({ queryKey: [CONTACTS_KEY] });
    },
  });

  // A one-line log entry: here Enter saves, unlike the multi-field forms (lib/form-keys.ts).
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ channel: 'phone', direction: 'inbound', letterCategory: 'service_report' }}
      onFinish={(v) => log.mutate(v)}
      style={{ rowGap: 8, marginBottom: 12 }}
      data-testid={letters ? 'letter-form' : 'contact-form'}
    >
      {letters ? (
        <>
          <Form.Item name="letterCategory" rules={[{ required: true }]}>
            <Select
              aria-label={t('contacts.letterCategory')}
              style={{ width: 130 }}
              options={LETTER_CATEGORIES.map((c) => ({
                value: c,
                label: t(`contacts.letterCategories.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="sender">
            <Input placeholder={t('contacts.sender')} maxLength={200} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="receivedOn">
            <DatePicker placeholder={t('contacts.receivedOn')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="letterRoutedToUnitId">
            <UnitTreeSelect allowClear placeholder={t('contacts.routedToAuto')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="customerId">
            <CustomerSelect style={{ width: 180 }} />
          </Form.Item>
          {/* A letter has more to fill in: its summary gets a line of its own. */}
          <div style={{ flexBasis: '100%' }} />
        </>
      ) : (
        <>
          <Form.Item name="channel">
            <Select
              aria-label={t('contacts.channelLabel')}
              style={{ width: 120 }}
              options={CONTACT_CHANNELS.filter((c) => c !== 'letter').map((c) => ({
                value: c,
                label: t(`tickets.channel.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="direction">
            <Select
              aria-label={t('contacts.direction')}
              style={{ width: 116 }}
              options={[
                { value: 'inbound', label: t('contacts.directions.inbound') },
                { value: 'outbound', label: t('contacts.directions.outbound') },
              ]}
            />
          </Form.Item>
          <Form.Item name="phoneNumber">
            <Input placeholder={t('contacts.phoneNumber')} maxLength={40} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="customerId">
            <CustomerSelect style={{ width: 180 }} />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="summary"
        rules={[{ required: true, whitespace: true, message: t('contacts.summaryRequired') }]}
        style={{ flex: 1, minWidth: 240 }}
      >
        <Input
          autoFocus
          maxLength={2000}
          placeholder={letters ? t('contacts.letterSummaryPlaceholder') : t('contacts.summaryPlaceholder')}
          data-testid="contact-summary"
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={log.isPending} data-testid="contact-submit">
            {letters ? t('contacts.logLetter') : t('contacts.log')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
