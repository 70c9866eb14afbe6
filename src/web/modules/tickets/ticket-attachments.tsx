import { Alert, Button, Card, Image, List, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError, get } from '../../api/client';
import type { ItemList } from '../../api/types';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';

interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: { id: string; displayName: string } | null;
  /** PORTAL-1: added by the customer through the portal; the name is masked, null when not for this reader. */
  uploadedByCustomer: { id: string; maskedName: string | null } | null;
  uploadedAt: string;
  contentUrl: string;
}

const ATTACHMENTS = '/api/v1/attachments';
const UNKNOWN_SUBJECT = 'attachments.unknown_subject_type';

const sizeText = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Who added the file: a member of staff by name, or 客户上传 (with the masked name when the reader may see it). */
function uploaderText(t: TFunction, a: Attachment): string {
  if (a.uploadedByCustomer)
    return a.uploadedByCustomer.maskedName
      ? t('tickets.attachments.byCustomerNamed', { name: a.uploadedByCustomer.maskedName })
      : t('tickets.attachments.byCustomer');
  return a.uploadedBy?.displayName ?? '';
}

/** Photos and documents of a ticket (IN-4): list, preview, upload. */
export function TicketAttachments({ ticketId, canUpload }: { ticketId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['attachments', 'ticket', ticketId];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<ItemList<Attachment>>(ATTACHMENTS, { subjectType: 'ticket', subjectId: ticketId }, signal),
    meta: { silent: true },
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('subjectType', 'ticket');
      form.append('subjectId', ticketId);
      form.append('file', file, file.name);
      return api<Attachment>(ATTACHMENTS, { method: 'POST', body: form });
    },
    meta: { silent: true },
    onSuccess: async (a) => {
      notifySuccess(t('tickets.attachments.uploaded', { name: a.fileName }));
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      if (!(error instanceof ApiError && error.code === UNKNOWN_SUBJECT)) showError(error);
    },
  });
  // Tickets take attachments once the server registers them as a subject; until then, say so calmly.
  const unavailable = [list.error, upload.error].some(
    (e) => e instanceof ApiError && e.code === UNKNOWN_SUBJECT,
  );
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('tickets.attachments.title')}
      data-testid="ticket-attachments"
      extra={
        canUpload &&
        !unavailable && (
          <Upload
            showUploadList={false}
            multiple={false}
            customRequest={({ file }) => upload.mutate(file as File)}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('tickets.attachments.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {unavailable ? (
        <Alert type="info" showIcon title={t('tickets.attachments.unavailable')} />
      ) : list.isError ? (
        <Alert type="error" showIcon title={t('tickets.attachments.loadFailed')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          loading={list.isLoading}
          locale={{ emptyText: t('tickets.attachments.empty') }}
          renderItem={(a) => (
            <List.Item>
              <Space>
                {a.contentType.startsWith('image/') ? (
                  <Image src={a.contentUrl} width={40} height={40} style={{ objectFit: 'cover' }} />
                ) : (
                  <PaperClipOutlined />
                )}
                <Space orientation="vertical" size={0}>
                  <Typography.Link href={`${a.contentUrl}?download=true`}>{a.fileName}</Typography.Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {sizeText(a.size)} · {uploaderText(t, a)} · {formatTime(a.uploadedAt)}
                  </Typography.Text>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
