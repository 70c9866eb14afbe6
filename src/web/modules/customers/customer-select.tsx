import { useState } from 'react';
import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { Page } from '../../api/types';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { CUSTOMERS_KEY } from './customer-types';
import type { Customer } from './customer-types';

type Props = Omit<SelectProps<string>, 'options' | 'onSearch' | 'showSearch'>;

// A number-like search under 4 digits is refused by the server (customers.phone_query_too_short).
const searchable = (q: string) => {
  const digits = q.replace(/\D/g, '');
  return q !== '' && (!/^[\d\s+\-()（）]+$/.test(q) || digits.length >= 4);
};

/** Finds a customer by name or part of a number as the person types (first 20 matches). */
export function CustomerSelect({ placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const customers = useQuery({
    queryKey: [CUSTOMERS_KEY, 'pick', q],
    queryFn: ({ signal }) => get<Page<Customer>>('/api/v1/customers', { q, page: 1, pageSize: 20 }, signal),
    enabled: searchable(q),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const options = (customers.data?.items ?? []).map((c) => ({
    value: c.id,
    label: [c.name, c.phones[0]?.number].filter(Boolean).join(' · '),
  }));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={customers.isFetching}
      placeholder={placeholder ?? t('customers.pickPlaceholder')}
      options={options}
      notFoundContent={null}
      style={{ minWidth: 200 }}
      {...rest}
    />
  );
}
