import { Button, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get } from '../../api/client';
import { notifySuccess } from '../../lib/notify';
import { CHANNELS_API, type ChannelAccount, type FollowerBinding } from './channels-api';

/** One follower bound to a customer, as GET /channels/oa-bindings lists it. */
export type OaBinding = FollowerBinding;

const OA_BINDINGS_KEY = 'channel-oa-bindings';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** The list as CSV (with a BOM, so Excel reads the Chinese), in the order shown. */
export function bindingsCsv(rows: OaBinding[], header: [string, string, string]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [header, ...rows.map((b) => [b.customerName ?? '', when(b.boundAt), b.accountName])];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * 粉丝绑定: the official account's followers bound to customers (issue 22), with 解除绑定 and an
 * export. Only for those who manage channels, as the API checks.
 */
export function OaBindingsModal({ account, onClose }: { account: ChannelAccount; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: [OA_BINDINGS_KEY, account.id],
    queryFn: ({ signal }) =>
      get<OaBinding[]>(`${CHANNELS_API}/oa-bindings`, { accountId: account.id }, signal),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`${CHANNELS_API}/oa-bindings/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySuccess(t('channels.oa.removed'));
      await queryClient.invalidateQueries({ queryKey: [OA_BINDINGS_KEY, account.id] });
    },
  });
  const rows = list.data ?? [];
  const exportCsv = () => {
    const csv = bindingsCsv(rows, [
      t('channels.oa.customer'),
      t('channels.oa.boundAt'),
      t('channels.oa.account'),
    ]);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${account.name}-${t('channels.oa.file')}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Modal
      open
      width={720}
      title={t('channels.oa.title', { name: account.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary">{t('channels.oa.intro')}</Typography.Text>
          <Button
            icon={<DownloadOutlined />}
            disabled={rows.length === 0}
            onClick={exportCsv}
            data-testid="oa-bindings-export"
          >
            {t('channels.oa.export')}
          </Button>
        </Space>
        <div data-testid="oa-bindings-table">
          <Table<OaBinding>
            rowKey="id"
            size="small"
            loading={list.isLoading}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('channels.oa.empty') }}
            columns={[
              {
                title: t('channels.oa.customer'),
                render: (_, b) => (
                  <Link to={`/customers?customer=${b.customerId}`}>{b.customerName ?? '—'}</Link>
                ),
              },
              { title: t('channels.oa.boundAt'), render: (_, b) => when(b.boundAt) },
              {
                title: t('common.actions'),
                render: (_, b) => (
                  <Popconfirm title={t('channels.oa.confirmRemove')} onConfirm={() => remove.mutate(b.id)}>
                    <Button size="small" danger loading={remove.isPending && remove.variables === b.id}>
                      {t('channels.oa.remove')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </div>
      </Space>
    </Modal>
  );
}
