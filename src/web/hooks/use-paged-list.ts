import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import type { QueryValue } from '../api/client';
import type { Page } from '../api/types';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * A server-paginated list (`?page&pageSize` → `{items, total}`). Changing the filters goes back to
 * page 1. Invalidate `[resource]` to refresh every page of it.
 */
export function usePagedList<T>(resource: string, path: string, filters: Record<string, QueryValue>) {
  const { t } = useTranslation();
  const filterKey = JSON.stringify(filters);
  const [state, setState] = useState({ filterKey, page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const page = state.filterKey === filterKey ? state.page : 1;
  const { pageSize } = state;

  const query = useQuery({
    queryKey: [resource, 'list', filters, page, pageSize],
    queryFn: ({ signal }) => get<Page<T>>(path, { ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const total = query.data?.total ?? 0;
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n) => t(query.data?.totalCapped ? 'common.totalAtLeast' : 'common.total', { total: n }),
    onChange: (nextPage, nextSize) =>
      setState({ filterKey, page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize }),
  };

  return { query, items: query.data?.items ?? [], total, pagination };
}
