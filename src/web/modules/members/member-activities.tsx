import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { get, patch, post } from '../../api/client';
import type { ItemList } from '../../api/types';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { UserSelect } from '../../components/user-select';
import { notifySuccess } from '../../lib/notify';
import { ACTIVITY_STATES, ACTIVITY_TYPES, type Member, type MemberActivity } from '../../../shared/members';

interface Signup {
  memberId: string;
  memberNumber: string;
  customerName: string;
  signedUpAt: string;
  attended: boolean;
}

const KEY = ['members', 'activities'];

interface CreateValues {
  theme: string;
  date: Dayjs;
  targetGroup: string;
  type: MemberActivity['type'];
  points: number;
  coordinatorId?: string;
  implementationPlan?: string;
}

/** A new activity of the yearly plan: theme, date, target group, type, points, coordinator, plan. */
function CreateModal({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      post<MemberActivity>('/api/v1/member-activities', {
        ...v,
        unitId,
        date: v.date.format('YYYY-MM-DD'),
        coordinatorId: v.coordinatorId ?? null,
        implementationPlan: v.implementationPlan || null,
      }),
    onSuccess: async () => {
      notifySuccess(t('members.activity.saved'));
      await queryClient.invalidateQueries({ queryKey: KEY });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('members.activity.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={600}
    >
      <Form form={form} layout="vertical" initialValues={{ points: 0 }} onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="theme"
          label={t('members.activity.theme')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} data-testid="activity-theme" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="date" label={t('members.activity.date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="type" label={t('members.activity.type')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={ACTIVITY_TYPES.map((k) => ({ value: k, label: t(`members.activityType.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="points" label={t('members.activity.points')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item
          name="targetGroup"
          label={t('members.activity.targetGroup')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="coordinatorId" label={t('members.activity.coordinator')}>
          <UserSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="implementationPlan" label={t('members.activity.plan')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  state: MemberActivity['state'];
  implementationPlan?: string | null;
  summary?: string | null;
  evaluation?: string | null;
}

/** One activity: its plan and state, sign-ups and attendance, the after-action summary and evaluation. */
function ActivityDrawer({ activity, onClose }: { activity: MemberActivity; onClose: () => void }) {
  const { t } = useTranslation();
  const canManage = useCan()('members.manage');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const [memberSearch, setMemberSearch] = useState('');
  const [attending, setAttending] = useState<Set<string> | null>(null);
  const signups = useQuery({
    queryKey: [...KEY, activity.id, 'signups'],
    queryFn: () => get<ItemList<Signup>>(`/api/v1/member-activities/${activity.id}/signups`),
  });
  const found = useQuery({
    queryKey: ['members', 'pick', memberSearch],
    queryFn: () => get<{ items: Member[] }>('/api/v1/members', { q: memberSearch, page: 1, pageSize: 20 }),
    enabled: canManage,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      patch<MemberActivity>(`/api/v1/member-activities/${activity.id}`, {
        state: v.state,
        implementationPlan: v.implementationPlan || null,
        summary: v.summary || null,
        evaluation: v.evaluation || null,
      }),
    onSuccess: async () => {
      notifySuccess(t('members.activity.saved'));
      await refresh();
    },
  });
  const signUp = useMutation({
    mutationFn: (memberId: string) => post(`/api/v1/member-activities/${activity.id}/signups`, { memberId }),
    onSuccess: refresh,
  });
  const attend = useMutation({
    mutationFn: (memberIds: string[]) =>
      post(`/api/v1/member-activities/${activity.id}/attendance`, { memberIds }),
    onSuccess: async () => {
      notifySuccess(t('members.activity.attendanceSaved'));
      setAttending(null);
      await refresh();
    },
  });
  const items = signups.data?.items ?? [];
  const checked = attending ?? new Set(items.filter((s) => s.attended).map((s) => s.memberId));
  const columns: TableColumnsType<Signup> = [
    { title: t('members.field.memberNumber'), dataIndex: 'memberNumber', width: 120 },
    { title: t('members.field.name'), dataIndex: 'customerName' },
    {
      title: t('members.activity.signedUpAt'),
      dataIndex: 'signedUpAt',
      width: 150,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('members.activity.attended'),
      key: 'attended',
      width: 90,
      render: (_, s) => (
        <Checkbox
          checked={checked.has(s.memberId)}
          disabled={!canManage}
          onChange={(e) => {
            const next = new Set(checked);
            if (e.target.checked) next.add(s.memberId);
            else next.delete(s.memberId);
            setAttending(next);
          }}
        />
      ),
    },
  ];
  return (
    <Drawer open width={760} onClose={onClose} title={`${activity.date} · ${activity.theme}`}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Space wrap>
          <Tag>{t(`members.activityType.${activity.type}`)}</Tag>
          <span>
            {t('members.activity.targetGroup')}：{activity.targetGroup}
          </span>
          <span>
            {t('members.activity.points')}：{activity.points}
          </span>
          {activity.pointsOverdue && <Tag color="error">{t('members.activity.pointsOverdue')}</Tag>}
        </Space>
        <Card size="small" title={t('members.activity.signups')}>
          {canManage && activity.state !== 'cancelled' && (
            <Select<string>
              showSearch={{ filterOption: false, onSearch: setMemberSearch }}
              value={null}
              placeholder={t('members.activity.addSignup')}
              style={{ width: 300, marginBottom: 12 }}
              options={(found.data?.items ?? []).map((m) => ({
                value: m.id,
                label: `${m.memberNumber} ${m.customerName}`,
              }))}
              onChange={(id) => id && signUp.mutate(id)}
              data-testid="activity-signup"
            />
          )}
          <Table<Signup>
            rowKey="memberId"
            size="small"
            pagination={false}
            loading={signups.isLoading}
            columns={columns}
            dataSource={items}
          />
          {canManage && attending && (
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              loading={attend.isPending}
              onClick={() => attend.mutate([...checked])}
            >
              {t('members.activity.saveAttendance')}
            </Button>
          )}
        </Card>
        <Card size="small" title={t('members.activity.afterAction')}>
          <Form
            form={form}
            layout="vertical"
            disabled={!canManage}
            initialValues={{
              state: activity.state,
              implementationPlan: activity.implementationPlan,
              summary: activity.summary,
              evaluation: activity.evaluation,
            }}
            onFinish={(v) => save.mutate(v)}
          >
            <Form.Item name="state" label={t('members.activity.state')}>
              <Select
                style={{ width: 200 }}
                options={ACTIVITY_STATES.map((s) => ({ value: s, label: t(`members.activityState.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="implementationPlan" label={t('members.activity.plan')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="summary" label={t('members.activity.summary')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="evaluation" label={t('members.activity.evaluation')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            {canManage && (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('members.activity.save')}
              </Button>
            )}
          </Form>
        </Card>
      </Space>
    </Drawer>
  );
}

/** 会员活动 (MEM-2): the yearly plan of a unit, each activity's sign-ups, attendance and summary; export. */
export function MemberActivitiesTab() {
  const { t } = useTranslation();
  const canManage = useCan()('members.manage');
  const { unitId: currentUnit } = useCurrentUnit();
  const [unitId, setUnitId] = useState<string | undefined>(currentUnit);
  const [year, setYear] = useState(dayjs().year());
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...KEY, unitId, year],
    queryFn: () => get<ItemList<MemberActivity>>('/api/v1/member-activities', { unitId, year }),
    enabled: !!unitId,
  });
  const items = list.data?.items ?? [];
  const open = items.find((a) => a.id === openId);
  const columns: TableColumnsType<MemberActivity> = [
    { title: t('members.activity.date'), dataIndex: 'date', width: 110 },
    { title: t('members.activity.theme'), dataIndex: 'theme' },
    {
      title: t('members.activity.type'),
      dataIndex: 'type',
      width: 160,
      render: (k: string) => t(`members.activityType.${k}`),
    },
    { title: t('members.activity.targetGroup'), dataIndex: 'targetGroup', width: 160 },
    {
      title: t('members.activity.state'),
      dataIndex: 'state',
      width: 140,
      render: (s: string, a) => (
        <Space size={4}>
          <Tag color={s === 'held' ? 'success' : s === 'cancelled' ? 'default' : 'processing'}>
            {t(`members.activityState.${s}`)}
          </Tag>
          {a.pointsOverdue && <Tag color="error">{t('members.activity.pointsOverdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('members.activity.signupsAttended'),
      key: 'counts',
      width: 110,
      align: 'right',
      render: (_, a) => `${a.signedUp} / ${a.attended}`,
    },
    {
      title: '',
      key: 'open',
      width: 80,
      render: (_, a) => (
        <Button type="link" size="small" onClick={() => setOpenId(a.id)}>
          {t('members.activity.open')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v ?? undefined)} style={{ width: 220 }} />
        <span>{t('members.monthly.year')}</span>
        <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} />
        {unitId && (
          <ListExportButton
            path="/api/v1/member-activities/export.xlsx"
            filters={{ unitId, year }}
            filename={t('members.activity.exportName', { year })}
          />
        )}
        {canManage && unitId && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('members.activity.create')}
          </Button>
        )}
      </Space>
      <Table<MemberActivity>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={items}
        pagination={false}
        data-testid="member-activities"
      />
      {creating && unitId && <CreateModal unitId={unitId} onClose={() => setCreating(false)} />}
      {open && <ActivityDrawer key={open.id} activity={open} onClose={() => setOpenId(null)} />}
    </>
  );
}
