import { useEffect, useState } from 'react';
import { Avatar, Button, Dropdown } from 'antd';
import { KeyOutlined, LinkOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../api/client';
import { useCurrentMe } from '../auth/use-me';
import { ChangePasswordModal } from '../auth/change-password-modal';
import { notifyError, notifySuccess, showError } from '../lib/notify';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [changing, setChanging] = useState(false);
  // Linking one's WeCom/DingTalk for sign-in: offered for the apps with sign-in turned on.
  const sso = useQuery({
    queryKey: ['auth', 'sso'],
    queryFn: ({ signal }) =>
      get<{ providers: ('wecom' | 'dingtalk')[] }>('/api/v1/auth/sso', undefined, signal),
    meta: { silent: true },
    staleTime: 5 * 60_000,
  });
  // Back from linking (the vendor's redirect lands on /?sso_bound= or /?sso_error=): say how it went.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const bound = params.get('sso_bound');
    const error = params.get('sso_error');
    if (!bound && !error) return;
    if (bound) notifySuccess(t('login.bound'));
    else
      notifyError(
        t(`login.ssoErrors.${error!.replace('auth.', '')}`, { defaultValue: t('login.ssoErrors.other') }),
      );
    window.history.replaceState(null, '', window.location.pathname);
  }, [t]);
  const bind = async (provider: 'wecom' | 'dingtalk') => {
    try {
      const { url } = await post<{ url: string }>(`/api/v1/auth/sso/${provider}/bind`);
      window.location.assign(url);
    } catch (error) {
      showError(error);
    }
  };

  const logout = async () => {
    try {
      await post<void>('/api/v1/auth/logout');
    } catch (error) {
      showError(error);
      return;
    }
    queryClient.clear();
    notifySuccess(t('header.loggedOut'));
    void navigate('/login', { replace: true });
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: t('header.changePassword'),
              onClick: () => setChanging(true),
            },
            ...(sso.data?.providers ?? []).map((p) => ({
              key: `bind-${p}`,
              icon: <LinkOutlined />,
              label: t(p === 'wecom' ? 'login.bindWecom' : 'login.bindDingtalk'),
              onClick: () => void bind(p),
            })),
            { type: 'divider' as const },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: t('header.logout'),
              onClick: () => void logout(),
            },
          ],
        }}
      >
        <Button type="text" data-testid="user-menu" icon={<Avatar size="small" icon={<UserOutlined />} />}>
          {me.displayName}
        </Button>
      </Dropdown>
      <ChangePasswordModal
        open={changing || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setChanging(false)}
      />
    </>
  );
}
