import { Suspense, useEffect, useState } from 'react';
import { App as AntApp, Flex, Layout, Menu, Spin, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentMe } from '../auth/use-me';
import { setMessageApi } from '../lib/notify';
import { activeNavPath, visibleNav } from './nav';
import { UnitSwitcher } from './unit-switcher';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';
import { TelephonyHeader } from '../modules/telephony/telephony-header';

const { Header, Sider, Content } = Layout;

export function AppShell() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = visibleNav(me.permissions)
    .map((group) => {
      const children = group.items.map((item) => ({
        key: item.path,
        icon: item.icon,
        label: item.badge ? (
          <span>
            {t(item.labelKey)}
            <item.badge />
          </span>
        ) : (
          t(item.labelKey)
        ),
      }));
      return group.labelKey
        ? { type: 'group' as const, key: group.key, label: t(group.labelKey), children }
        : children;
    })
    .flat();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        // On a phone (the approval inbox at 375 px) the menu starts folded so the page has the width.
        breakpoint="md"
        onBreakpoint={(narrow) => setCollapsed(narrow)}
        width={220}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <Flex align="center" justify="center" style={{ height: 56 }}>
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            {collapsed ? t('app.brandShort') : t('app.brand')}
          </Typography.Title>
        </Flex>
        <Menu
          mode="inline"
          data-testid="side-nav"
          selectedKeys={[activeNavPath(pathname)]}
          items={items}
          onClick={({ key }) => void navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex align="center" justify="flex-end" gap={16} style={{ height: '100%' }}>
            <TelephonyHeader />
            <UnitSwitcher />
            <LanguageSwitch />
            <UserMenu />
          </Flex>
        </Header>
        <Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

/** Hands antd's context-aware message API to code outside React (query caches). */
export function MessageBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    setMessageApi(message);
    return () => setMessageApi(null);
  }, [message]);
  return null;
}
