import { useState } from 'react';
import { Button, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import type { ItemList } from '../../api/types';
import { notifySuccess } from '../../lib/notify';

/** A saved filter of the ticket list (GET /ticket-views); filters are the list's query values. */
interface SavedView {
  id: string;
  name: string;
  builtIn: boolean;
  filters: Record<string, string>;
  createdAt: string | null;
}

const VIEWS = '/api/v1/ticket-views';
const VIEWS_KEY = ['ticket-views'] as const;

/**
 * 我的视图: picks one of the caller's saved filters, saves the filters on screen under a name and
 * deletes an own view. The built-in views stay in the list's own 常用视图 picker.
 */
export function TicketSavedViews({
  filters,
  onApply,
}: {
  filters: Record<string, string | undefined>;
  onApply: (filters: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | undefined>();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const views = useQuery({
    queryKey: VIEWS_KEY,
    queryFn: ({ signal }) => get<ItemList<SavedView>>(VIEWS, undefined, signal),
  });
  const own = (views.data?.items ?? []).filter((v) => !v.builtIn);
  const save = useMutation({
    mutationFn: () => {
      const current = Object.fromEntries(
        Object.entries(filters).filter((e): e is [string, string] => !!e[1]),
      );
      return api<SavedView>(VIEWS, { method: 'POST', body: { name: name.trim(), filters: current } });
    },
    onSuccess: async (view) => {
      notifySuccess(t('tickets.views.saved', { name: view.name }));
      setNaming(false);
      setName('');
      setChosen(view.id);
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`${VIEWS}/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySuccess(t('tickets.views.deleted'));
      setChosen(undefined);
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
    },
  });
  return (
    <Space.Compact>
      <Select<string>
        allowClear
        placeholder={t('tickets.views.pick')}
        value={chosen}
        loading={views.isLoading}
        notFoundContent={t('tickets.views.none')}
        onChange={(id) => {
          setChosen(id ?? undefined);
          const view = own.find((v) => v.id === id);
          if (view) onApply(view.filters);
        }}
        options={own.map((v) => ({ value: v.id, label: v.name }))}
        style={{ width: 160 }}
        data-testid="saved-views"
      />
      {chosen && (
        <Popconfirm
          title={t('tickets.views.deleteConfirm')}
          onConfirm={() => remove.mutate(chosen)}
          okButtonProps={{ danger: true }}
        >
          <Button
            icon={<DeleteOutlined />}
            loading={remove.isPending}
            aria-label={t('tickets.views.delete')}
            data-testid="saved-view-delete"
          />
        </Popconfirm>
      )}
      <Button icon={<SaveOutlined />} onClick={() => setNaming(true)} data-testid="saved-view-save">
        {t('tickets.views.save')}
      </Button>
      <Modal
        open={naming}
        title={t('tickets.views.saveTitle')}
        onCancel={() => setNaming(false)}
        onOk={() => save.mutate()}
        okButtonProps={{ disabled: !name.trim() }}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Input
          autoFocus
          maxLength={50}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => name.trim() && save.mutate()}
          placeholder={t('tickets.views.namePlaceholder')}
          data-testid="saved-view-name"
        />
      </Modal>
    </Space.Compact>
  );
}
