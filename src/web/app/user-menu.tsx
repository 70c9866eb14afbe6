import { useState } from 'react';
import { Avatar, Button, Dropdown } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { post } from '../api/client';
import { useCurrentMe } from '../auth/use-me';
import { ChangePasswordModal } from '../auth/change-password-modal';
import { notifySuccess, showError } from '../lib/notify';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [changing, setChanging] = useState(false);

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
            { type: 'divider' },
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
