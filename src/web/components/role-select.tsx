import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import type { ItemList, Role } from '../api/types';
import { localName } from '../lib/format';

export const ROLES_KEY = 'roles';

export function useRoles() {
  return useQuery({
    queryKey: [ROLES_KEY],
    queryFn: ({ signal }) => get<ItemList<Role>>('/api/v1/roles', undefined, signal),
    staleTime: 60_000,
  });
}

export function RoleSelect({ placeholder, ...rest }: Omit<SelectProps<string>, 'options'>) {
  const { t } = useTranslation();
  const roles = useRoles();
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={roles.isLoading}
      placeholder={placeholder ?? t('common.selectRole')}
      options={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: localName(r) }))}
      style={{ minWidth: 160 }}
      {...rest}
    />
  );
}
