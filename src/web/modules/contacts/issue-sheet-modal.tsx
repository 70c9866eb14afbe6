import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../api/client';
import { localizedMessage } from '../../api/errors';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { notifySuccess } from '../../lib/notify';
import { CONTACTS_KEY, sheetPrintPath, type Contact, type CoordinationSheet } from './contact-types';
import { enterDoesNotSubmit } from '../../lib/form-keys';

interface Values {
  responsibleUnitId?: string;
  requestedHandling?: string;
  dueAt?: Dayjs | null;
}

/**
 * IN-8: the customer-centre assistant opens a tracked coordination sheet for a complaint letter
 * (or one a service report registered before sheets existed never got); the sheet opens for printing.
 */
export function IssueSheetModal({ contact, onClose }: { contact: Contact; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const issue = useMutation({
    mutationFn: (v: Values) =>
      post<CoordinationSheet>(`/api/v1/contacts/${contact.id}/coordination-sheet`, {
        ...(v.responsibleUnitId ? { responsibleUnitId: v.responsibleUnitId } : {}),
        ...(v.requestedHandling?.trim() ? { requestedHandling: v.requestedHandling.trim() } : {}),
        ...(v.dueAt ? { dueAt: v.dueAt.toISOString() } : {}),
      }),
    onSuccess: async (sheet) => {
      notifySuccess(t('letters.sheet.issued', { number: sheet.number }));
      await queryClient.invalidateQueries({ queryKey: [CONTACTS_KEY] });
      onClose();
      // Straight to the sheet: the assistant prints it now; the register links to it for reprints.
      void navigate(sheetPrintPath(contact.id));
    },
  });
  return (
    <Modal
      open
      title={t('letters.sheet.issueTitle')}
      okText={t('letters.sheet.issue')}
      confirmLoading={issue.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('letters.sheet.issueHelp')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text strong>{contact.letter?.sender ?? contact.customer?.name ?? ''}</Typography.Text>{' '}
        {contact.summary}
      </Typography.Paragraph>
      {issue.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={localizedMessage(issue.error)} />
      )}
      <Form
        onKeyDown={enterDoesNotSubmit()}
        form={form}
        layout="vertical"
        onFinish={(v) => issue.mutate(v)}
        data-testid="issue-sheet-form"
      >
        <Form.Item
          name="responsibleUnitId"
          label={t('letters.sheet.responsible')}
          extra={t('letters.sheet.responsibleHint')}
        >
          <UnitTreeSelect placeholder={contact.letter?.routedTo?.name} />
        </Form.Item>
        <Form.Item
          name="requestedHandling"
          label={t('letters.sheet.request')}
          extra={t('letters.sheet.requestHint')}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('letters.sheet.due')} extra={t('letters.sheet.dueHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
