import { useState } from 'react';
import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import type { Page, User } from '../api/types';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { PERM } from '../auth/permissions';
import { useCan } from '../auth/use-me';

type Props = Omit<SelectProps<string>, 'options' | 'onSearch' | 'showSearch'> & {
  userStatus?: User['status'];
  excludeId?: string;
};

/**
 * Searches users on the server as the person types (first 20 matches). Someone who may not list
 * people (a department member filtering tickets) does not get the picker, rather than a 403.
 */
export function UserSelect({ userStatus: status, excludeId, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const mayList = useCan()(PERM.usersRead);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const users = useQuery({
    queryKey: ['users', 'pick', { q, status }],
    queryFn: ({ signal }) => get<Page<User>>('/api/v1/users', { q, status, page: 1, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    enabled: mayList,
  });
  if (!mayList) return null;
  const options = (users.data?.items ?? [])
    .filter((u) => u.id !== excludeId)
    .map((u) => ({
      value: u.id,
      label: t('common.nameWithUsername', { name: u.displayName, username: u.username }),
    }));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={users.isFetching}
      placeholder={placeholder ?? t('common.selectUser')}
      options={options}
      style={{ minWidth: 200 }}
      {...rest}
    />
  );
}
