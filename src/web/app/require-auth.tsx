import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, localizedMessage } from '../api/client';
import { useCan, useMe } from '../auth/use-me';
import { CurrentUnitProvider } from './current-unit';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data) return <CurrentUnitProvider me={me.data}>{children}</CurrentUnitProvider>;
  if (me.isError && !(me.error instanceof ApiError && me.error.status === 401)) {
    return (
      <Result
        status="error"
        title={localizedMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.refresh')}</Button>}
      />
    );
  }
  // Loading, or 401 while the api client is already redirecting to /login.
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin tip={t('app.loading')} size="large">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </Flex>
  );
}

export function RequirePermission({ anyOf, children }: { anyOf: readonly string[]; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (can(anyOf)) return children;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('app.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** A page shown only to people holding any of the given permissions (a 403 page otherwise). */
export const guard = (anyOf: readonly string[], page: ReactNode) => (
  <RequirePermission anyOf={anyOf}>{page}</RequirePermission>
);

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
