import { Suspense } from 'react';
import { Flex, Spin, Typography, theme } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { UserMenu } from '../../app/user-menu';

/**
 * A phone-sized frame for technicians (/tech): one slim bar instead of the desktop side menu, so a
 * 375 px screen is all visit. The column is capped at tablet width and centred on a desktop.
 */
export function TechShell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Flex
        align="center"
        justify="space-between"
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: 48,
          padding: '0 8px 0 12px',
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Link to="/tech">
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('workOrders.tech.title')}
          </Typography.Text>
        </Link>
        <Flex align="center" gap={4}>
          {/* The index would send a technician straight back here: the desktop opens on the work orders. */}
          <Link to="/workorders" aria-label={t('workOrders.tech.desktop')}>
            <DesktopOutlined />
          </Link>
          <UserMenu />
        </Flex>
      </Flex>
      <main style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
        <Suspense fallback={<Spin />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
