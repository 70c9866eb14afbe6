import { useState } from 'react';
import { Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  formatPeriods,
  parsePeriods,
  type DayException,
  type ExceptionKind,
  type UnitCalendar,
} from './calendar-model';
import { enterDoesNotSubmit } from '../../lib/form-keys';

interface Props {
  calendar: UnitCalendar;
  canManage: boolean;
  saving: boolean;
  onSave(exceptions: Record<string, DayException | null>): void;
}

const KINDS: ExceptionKind[] = ['holiday', 'closed', 'makeup_workday', 'half_day'];
interface Row {
  date: string;
  exception: DayException | null;
}

/** The unit's own dated exceptions (例外日期): add, remove, or cancel an inherited one. */
export function ExceptionsEditor({ calendar, canManage, saving, onSave }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ date: Dayjs; kind: ExceptionKind; name?: string; periods?: string }>();
  const [kind, setKind] = useState<ExceptionKind>('holiday');
  const own = calendar.own.exceptions;
  const rows: Row[] = Object.keys(own)
    .sort()
    .map((date) => ({ date, exception: own[date] ?? null }));
  const add = (v: { date: Dayjs; kind: ExceptionKind; name?: string; periods?: string }) => {
    const periods = v.periods ? parsePeriods(v.periods) : undefined;
    const ex: DayException = {
      kind: v.kind,
      ...(v.name ? { name: v.name } : {}),
      ...(periods?.length ? { periods } : {}),
    };
    onSave({ ...own, [v.date.format('YYYY-MM-DD')]: ex });
    form.resetFields(['date', 'name', 'periods']);
  };
  const remove = (date: string) => {
    const next = { ...own };
    delete next[date];
    onSave(next);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canManage && (
        <Form
          onKeyDown={enterDoesNotSubmit()}
          form={form}
          layout="inline"
          onFinish={add}
          initialValues={{ kind: 'holiday' }}
        >
          <Form.Item name="date" rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker placeholder={t('calendar.date')} />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 140 }}
              onChange={(k: ExceptionKind) => setKind(k)}
              options={KINDS.map((k) => ({ value: k, label: t(`calendar.exceptionKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="name">
            <Input placeholder={t('calendar.name')} style={{ width: 140 }} />
          </Form.Item>
          {(kind === 'half_day' || kind === 'makeup_workday') && (
            <Form.Item
              name="periods"
              rules={[
                { required: kind === 'half_day', message: t('common.required') },
                {
                  validator: (_, v?: string) =>
                    !v || parsePeriods(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('calendar.badPeriods'))),
                },
              ]}
            >
              <Input placeholder="09:00-12:00" style={{ width: 200 }} />
            </Form.Item>
          )}
          <Button htmlType="submit" type="primary" loading={saving}>
            {t('calendar.addException')}
          </Button>
        </Form>
      )}
      <Table<Row>
        size="small"
        rowKey="date"
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', width: 130 },
          {
            title: t('calendar.kindLabel'),
            key: 'kind',
            width: 140,
            render: (_, r) =>
              r.exception ? (
                <Tag>{t(`calendar.exceptionKind.${r.exception.kind}`)}</Tag>
              ) : (
                <Tag>{t('calendar.cancelInherited')}</Tag>
              ),
          },
          { title: t('calendar.name'), key: 'name', render: (_, r) => r.exception?.name ?? '—' },
          {
            title: t('calendar.periods'),
            key: 'periods',
            render: (_, r) => formatPeriods(r.exception?.periods) || '—',
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, r: Row) => (
                    <Popconfirm title={t('calendar.removeConfirm')} onConfirm={() => remove(r.date)}>
                      <Button size="small" danger type="link">
                        {t('common.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
