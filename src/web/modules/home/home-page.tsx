import { Suspense } from 'react';
import { Card, Col, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentMe } from '../../auth/use-me';
import { UnitKindTag } from '../../components/unit-kind-tag';
import { localName } from '../../lib/format';
import { usePermissionCatalog } from '../../hooks/use-permission-catalog';
import type { Me } from '../../api/types';
import { DashboardPanel, DepartmentOwesCard } from '../dashboard';

/** RPT-1: a department member lands on what the department owes. */
const inDepartment = (me: Me) => me.memberships.some((m) => m.roleCode === 'department_member');
/** RPT-1: supervisors, managers and the general manager (anyone reading tickets beyond a department) land on the dashboard. */
const seesDashboard = (me: Me) =>
  me.permissions.includes('tickets.read') && me.memberships.some((m) => m.roleCode !== 'department_member');

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const catalog = usePermissionCatalog();
  const permissionName = (code: string) => {
    const found = catalog.data?.items.find((p) => p.code === code);
    return found ? localName(found) : code;
  };
  const welcome = (
    <Card data-testid="welcome-card" size="small">
      <Typography.Text strong>{t('home.welcome', { name: me.displayName })}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
        {t('home.subtitle')}
      </Typography.Text>
    </Card>
  );
  if (seesDashboard(me) || inDepartment(me))
    return (
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {welcome}
        {inDepartment(me) && <DepartmentOwesCard />}
        {seesDashboard(me) && (
          <Suspense fallback={<Spin />}>
            <DashboardPanel />
          </Suspense>
        )}
      </Space>
    );
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>{welcome}</Col>
      <Col xs={24} lg={14}>
        <Card title={t('home.myUnits')}>
          {me.memberships.length === 0 ? (
            <Empty description={t('home.noUnits')} />
          ) : (
            <List
              dataSource={me.memberships}
              rowKey={(m) => `${m.unitId}:${m.roleId}`}
              renderItem={(m) => (
                <List.Item>
                  <Space>
                    <UnitKindTag kind={m.unitKind} />
                    <Typography.Text strong>{m.unitName}</Typography.Text>
                  </Space>
                  <Tag>{localName(m.roleNameZh, m.roleNameEn)}</Tag>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card
          title={t('home.permissions')}
          extra={t('home.permissionCount', { count: me.permissions.length })}
        >
          <Space wrap>
            {me.permissions.map((p) => (
              <Tag key={p} title={p}>
                {permissionName(p)}
              </Tag>
            ))}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
