import { Badge, Button, Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { useCurrentMe } from '../../auth/use-me';
import type { DepartmentOwes } from '../../../shared/dashboard';
import { DEPARTMENT_OWES, DEPARTMENT_OWES_KEY, REFRESH_MS } from './dashboard-api';

/** What the member's departments owe, shared by the card and the menu badge (one request). */
export function useDepartmentOwes(enabled = true) {
  return useQuery({
    queryKey: [DEPARTMENT_OWES_KEY],
    queryFn: ({ signal }) => get<DepartmentOwes>(DEPARTMENT_OWES, undefined, signal),
    refetchInterval: REFRESH_MS,
    enabled,
    meta: { silent: true },
  });
}

/** The count badge on the department inbox's menu entry: replies owed, red when any is late. */
export function DepartmentOwesBadge() {
  const me = useCurrentMe();
  const owes = useDepartmentOwes(me.memberships.some((m) => m.unitKind === 'department'));
  const total = owes.data?.total ?? 0;
  return (
    <Badge
      count={total}
      size="small"
      overflowCount={99}
      color={(owes.data?.overdue ?? 0) > 0 ? '#cf1322' : '#faad14'}
      style={{ marginInlineStart: 6 }}
      data-testid="department-owes-badge"
    />
  );
}

/** RPT-1: a department member's landing card — replies waiting, due today and overdue, per department. */
export function DepartmentOwesCard() {
  const { t } = useTranslation();
  const owes = useDepartmentOwes();
  const departments = owes.data?.departments ?? [];
  return (
    <Card title={t('dashboard.department.title')} loading={owes.isLoading} data-testid="department-owes">
      {departments.length === 0 || owes.data?.total === 0 ? (
        <Empty description={t('dashboard.department.none')} />
      ) : (
        departments.map((d) => (
          <div key={d.id} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>{d.name}</Typography.Title>
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title={t('dashboard.department.waiting')} value={d.waiting.count} />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('dashboard.department.dueToday')}
                  value={d.dueToday}
                  valueStyle={{ color: d.dueToday ? '#d46b08' : undefined }}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('dashboard.department.overdue')}
                  value={d.overdue}
                  valueStyle={{ color: d.overdue ? '#cf1322' : undefined }}
                />
              </Col>
              <Col span={6} style={{ display: 'flex', alignItems: 'center' }}>
                <Link to={d.waiting.href}>
                  <Button type="primary">{t('dashboard.department.open')}</Button>
                </Link>
              </Col>
            </Row>
          </div>
        ))
      )}
    </Card>
  );
}
