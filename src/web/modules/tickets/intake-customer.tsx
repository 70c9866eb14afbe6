import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { Page } from '../../api/types';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { CUSTOMERS_KEY, SpecialAttentionTag } from '../customers';
import type { Customer } from '../customers';
import { phoneDigits } from './intake-model';

/** A customer as the intake panel offers it: from the phone lookup, a name search or a ringing call. */
export interface CustomerOption {
  id: string;
  name: string;
  phone: string | null;
  attention: Customer['specialAttention'];
}

export const toOption = (c: Customer): CustomerOption => ({
  id: c.id,
  name: c.name,
  phone: c.phones[0]?.number ?? null,
  attention: c.specialAttention,
});

const searchCustomers = (q: string, signal: AbortSignal) =>
  get<Page<Customer>>('/api/v1/customers', { q, page: 1, pageSize: 8 }, signal);

/**
 * IN-3: customers whose numbers contain what the agent typed in the phone field (from 4 digits on,
 * which is what the server accepts).
 */
export function usePhoneLookup(phone: string | undefined) {
  const digits = useDebouncedValue(phoneDigits(phone), 250);
  return useQuery({
    queryKey: [CUSTOMERS_KEY, 'intake-phone', digits],
    queryFn: async ({ signal }) => ({
      digits,
      matches: (await searchCustomers(digits, signal)).items.map(toOption),
    }),
    enabled: digits.length >= 4,
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
}

type Props = Omit<SelectProps<string>, 'options' | 'showSearch'> & {
  /** Customers found by the phone or pushed by a call; always offered. */
  known: CustomerOption[];
};

/** The customer picker of the intake panel: the phone's matches first, or search by name. */
export function IntakeCustomerSelect({ known, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const found = useQuery({
    queryKey: [CUSTOMERS_KEY, 'intake-name', q],
    queryFn: ({ signal }) => searchCustomers(q, signal),
    enabled: q !== '' && (!/^[\d\s+\-()]+$/.test(q) || phoneDigits(q).length >= 4),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const all = new Map<string, CustomerOption>();
  for (const c of [...known, ...(found.data?.items ?? []).map(toOption)]) all.set(c.id, c);
  const options = [...all.values()].map((c) => ({
    value: c.id,
    label: (
      <Space size={4}>
        <Typography.Text type={c.attention ? 'danger' : undefined}>{c.name}</Typography.Text>
        {c.phone && <Typography.Text type="secondary">{c.phone}</Typography.Text>}
        <SpecialAttentionTag attention={c.attention} />
      </Space>
    ),
    // What the keyboard search matches against.
    search: `${c.name} ${c.phone ?? ''}`,
  }));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={found.isFetching}
      placeholder={t('tickets.intake.customerPlaceholder')}
      options={options}
      notFoundContent={null}
      optionLabelProp="label"
      {...rest}
    />
  );
}
