import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentMe } from '../../auth/use-me';
import { UnitKindTag } from '../../components/unit-kind-tag';
import { localName } from '../../lib/format';
import { usePermissionCatalog } from '../../hooks/use-permission-catalog';

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const catalog = usePermissionCatalog();
  const permissionName = (code: string) => {
    const found = catalog.data?.items.find((p) => p.code === code);
    return found ? localName(found) : code;
  };
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card data-testid="welcome-card">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('home.welcome', { name: me.displayName })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('home.subtitle')}</Typography.Text>
        </Card>
      </Col>
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
