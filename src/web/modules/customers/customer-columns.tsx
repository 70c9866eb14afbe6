import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { formatTime } from '../../lib/format';
import type { Customer } from './customer-types';
import { SpecialAttentionTag } from './special-attention';

const assetText = (t: TFunction, c: Customer) =>
  c.assets.map((a) => `${t(`customers.assetKind.${a.kind}`)}·${[a.name, a.model].filter(Boolean).join(' ')}`);

export function customerColumns(t: TFunction, open: (c: Customer) => void): TableColumnsType<Customer> {
  return [
    {
      title: t('customers.name'),
      key: 'name',
      width: 200,
      render: (_, c) => (
        <Space size={4} wrap>
          <Typography.Link onClick={() => open(c)} data-testid="customer-name-link">
            {c.name}
          </Typography.Link>
          <SpecialAttentionTag attention={c.specialAttention} />
          {c.draft && <Tag color="orange">{t('customers.draftTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('customers.phones'),
      key: 'phones',
      width: 170,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          {c.phones.map((p) => (
            <span key={p.id} style={{ fontFamily: 'monospace' }}>
              {p.number}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('customers.attentionNote'),
      key: 'attention',
      render: (_, c) =>
        c.specialAttention ? (
          <Tooltip title={c.specialAttention.note}>
            <Typography.Text type="danger">{c.specialAttention.reason}</Typography.Text>
          </Tooltip>
        ) : null,
    },
    {
      title: t('customers.assets'),
      key: 'assets',
      render: (_, c) => (
        <Space size={[4, 4]} wrap>
          {assetText(t, c).map((text, i) => (
            <Tag key={c.assets[i]?.id ?? i}>{text}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('customers.addresses'),
      key: 'address',
      ellipsis: true,
      render: (_, c) => c.addresses[0]?.address ?? '',
    },
    {
      title: t('customers.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => formatTime(v),
    },
  ];
}
