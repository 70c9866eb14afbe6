import { useState } from 'react';
import {
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { ListTable } from '../../components/list-table';
import { usePagedList } from '../../hooks/use-paged-list';
import { notifySuccess } from '../../lib/notify';
import type { Member, PointsEntry } from '../../../shared/members';
import { MonthlyCountsTab } from './monthly-counts';
import { MemberActivitiesTab } from './member-activities';

interface Ledger {
  member: Member;
  items: PointsEntry[];
}
interface HandbookSection {
  key: string;
  titleZh: string;
  titleEn: string;
  itemsZh: string[];
  itemsEn: string[];
}

function LedgerDrawer({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const canManage = useCan()('members.manage');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ kind: 'earn' | 'redeem' | 'adjust'; points: number; reason: string }>();
  const ledger = useQuery({
    queryKey: ['members', 'ledger', memberId],
    queryFn: () => get<Ledger>(`/api/v1/members/${memberId}/points`),
  });
  const save = useMutation({
    mutationFn: (v: { kind: string; points: number; reason: string }) =>
      post<Member>(`/api/v1/members/${memberId}/points`, v),
    onSuccess: async () => {
      notifySuccess(t('members.posted'));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['members'] });
    },
  });
  const m = ledger.data?.member;
  const columns: TableColumnsType<PointsEntry> = [
    {
      title: t('members.field.at'),
      dataIndex: 'at',
      width: 150,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('members.field.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: string) => t(`members.kind.${k}`),
    },
    {
      title: t('members.field.points'),
      dataIndex: 'points',
      width: 80,
      align: 'right',
      render: (p: number) => (
        <Typography.Text type={p < 0 ? 'danger' : 'success'}>{p > 0 ? `+${p}` : p}</Typography.Text>
      ),
    },
    { title: t('members.field.reason'), dataIndex: 'reason' },
    { title: t('members.field.by'), dataIndex: 'by', width: 100 },
  ];
  return (
    <Drawer
      open
      width={720}
      onClose={onClose}
      title={m ? `${m.customerName} · ${m.memberNumber}` : t('members.ledger')}
    >
      {m && (
        <Space style={{ marginBottom: 16 }} size="large">
          <Tag color="gold">{t(`members.level.${m.level}`)}</Tag>
          <span>
            {t('members.field.joinedOn')}：{m.joinedOn}
          </span>
          <strong data-testid="member-balance">
            {t('members.field.balance')}：{m.balance}
          </strong>
        </Space>
      )}
      {canManage && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 16 }}
          onFinish={(v) => save.mutate(v)}
          initialValues={{ kind: 'earn' }}
        >
          <Form.Item name="kind">
            <Select
              style={{ width: 100 }}
              options={(['earn', 'redeem', 'adjust'] as const).map((k) => ({
                value: k,
                label: t(`members.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="points" rules={[{ required: true }]}>
            <InputNumber placeholder={t('members.field.points')} precision={0} />
          </Form.Item>
          <Form.Item
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('members.reasonRequired') }]}
          >
            <Input placeholder={t('members.field.reason')} maxLength={200} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('members.post')}
          </Button>
        </Form>
      )}
      <Table<PointsEntry>
        rowKey="id"
        size="small"
        loading={ledger.isLoading}
        columns={columns}
        dataSource={ledger.data?.items ?? []}
        pagination={false}
      />
    </Drawer>
  );
}

function Handbook() {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const q = useQuery({
    queryKey: ['members', 'handbook'],
    queryFn: () => get<{ sections: HandbookSection[] }>('/api/v1/member-handbook'),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(q.data?.sections ?? []).map((s) => (
        <Card key={s.key} size="small" title={zh ? s.titleZh : s.titleEn}>
          <List
            size="small"
            dataSource={zh ? s.itemsZh : s.itemsEn}
            renderItem={(x) => <List.Item>{x}</List.Item>}
          />
        </Card>
      ))}
    </Space>
  );
}

/** 会员俱乐部 (MEM-1): the members list with export, each member's points ledger, the handbook. */
export function MembersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const { items, pagination, query } = usePagedList<Member>('members', '/api/v1/members', { q });
  const columns: TableColumnsType<Member> = [
    { title: t('members.field.memberNumber'), dataIndex: 'memberNumber', width: 120 },
    { title: t('members.field.name'), dataIndex: 'customerName', width: 140 },
    {
      title: t('members.field.level'),
      dataIndex: 'level',
      width: 100,
      render: (l: string) => t(`members.level.${l}`),
    },
    { title: t('members.field.joinedOn'), dataIndex: 'joinedOn', width: 110 },
    { title: t('members.field.balance'), dataIndex: 'balance', width: 90, align: 'right' },
    { title: t('members.field.unit'), dataIndex: 'unitName', width: 160 },
    {
      title: '',
      key: 'ledger',
      width: 100,
      render: (_, m) => (
        <Button type="link" size="small" onClick={() => setOpen(m.id)}>
          {t('members.ledger')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('members.title')}>
      <Tabs
        items={[
          {
            key: 'members',
            label: t('members.tabs.members'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 16 }}>
                  <Input.Search
                    allowClear
                    placeholder={t('members.searchPlaceholder')}
                    value={search}
                    onChange={(e) => setSearch(e.target.value)}
                    onSearch={(value) => setQ(value.trim())}
                    style={{ width: 240 }}
                  />
                  <ListExportButton
                    path="/api/v1/members/export.xlsx"
                    filters={{ q }}
                    filename={t('members.tabs.members')}
                    askReason
                  />
                </Space>
                <ListTable<Member>
                  rowKey="id"
                  loading={query.isLoading}
                  columns={columns}
                  dataSource={items}
                  pagination={pagination}
                />
              </>
            ),
          },
          { key: 'activities', label: t('members.tabs.activities'), children: <MemberActivitiesTab /> },
          { key: 'monthly', label: t('members.tabs.monthly'), children: <MonthlyCountsTab /> },
          { key: 'handbook', label: t('members.tabs.handbook'), children: <Handbook /> },
        ]}
      />
      {open && <LedgerDrawer memberId={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
