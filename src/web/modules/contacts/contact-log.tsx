import { useState } from 'react';
import { Button, DatePicker, Input, Select, Space, theme } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { ListExportButton } from '../../components/list-export-button';
import { UserSelect } from '../../components/user-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { CustomerDrawer } from '../customers/customer-drawer';
import { contactColumns } from './contact-columns';
import { ContactQuickForm } from './contact-quick-form';
import { IssueSheetModal } from './issue-sheet-modal';
import { CONTACT_CHANNELS, CONTACTS_KEY, LETTER_CATEGORIES } from './contact-types';
import type { Contact, ContactChannel, LetterCategory } from './contact-types';
import { ListTable } from '../../components/list-table';

/** One tab of the contact log page: every contact (IN-2), or the letter register (IN-8). */
export function ContactLog({ letters }: { letters: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const { token } = theme.useToken();
  const [channel, setChannel] = useState<ContactChannel | undefined>();
  const [category, setCategory] = useState<LetterCategory | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [agentId, setAgentId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const filters = {
    channel: letters ? 'letter' : channel,
    letterCategory: letters ? category : undefined,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
    agentId,
    q,
  };
  const { query, items, pagination } = usePagedList<Contact>(CONTACTS_KEY, '/api/v1/contacts', filters);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [sheetFor, setSheetFor] = useState<Contact | null>(null);
  const title = letters ? t('contacts.tabLetters') : t('contacts.title');

  return (
    <>
      {can(PERM.contactsManage) && (
        // The entry line sits on a tinted band so it does not read as one more filter.
        <div
          style={{
            background: token.colorFillQuaternary,
            borderRadius: token.borderRadiusLG,
            padding: '12px 12px 0',
            marginBottom: 16,
          }}
        >
          <ContactQuickForm letters={letters} />
        </div>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {letters ? (
          <Select<LetterCategory>
            allowClear
            placeholder={t('contacts.letterCategory')}
            value={category}
            onChange={(v) => setCategory(v ?? undefined)}
            style={{ width: 150 }}
            options={LETTER_CATEGORIES.map((c) => ({ value: c, label: t(`contacts.letterCategories.${c}`) }))}
          />
        ) : (
          <Select<ContactChannel>
            allowClear
            placeholder={t('contacts.filterChannel')}
            value={channel}
            onChange={(v) => setChannel(v ?? undefined)}
            style={{ width: 140 }}
            options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`tickets.channel.${c}`) }))}
            data-testid="contact-channel-filter"
          />
        )}
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} style={{ width: 260 }} />
        {can(PERM.usersRead) && (
          <UserSelect
            placeholder={t('contacts.filterAgent')}
            value={agentId}
            onChange={(v) => setAgentId(v ?? undefined)}
            style={{ width: 180 }}
          />
        )}
        <Input.Search
          allowClear
          placeholder={t('contacts.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 260 }}
          data-testid="contact-search"
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void query.refetch()}
          aria-label={t('common.refresh')}
        />
        <ListExportButton path="/api/v1/contacts/export.xlsx" filters={filters} filename={title} />
      </Space>
      <ListTable<Contact>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={contactColumns(t, {
          letters,
          openCustomer: setCustomerId,
          ...(can(PERM.contactsManage) ? { issueSheet: setSheetFor } : {}),
        })}
        pagination={pagination}
        data-testid={letters ? 'letters-table' : 'contacts-table'}
      />
      {sheetFor && <IssueSheetModal contact={sheetFor} onClose={() => setSheetFor(null)} />}
      <CustomerDrawer
        target={customerId ? { mode: 'view', customerId } : null}
        onClose={() => setCustomerId(null)}
      />
    </>
  );
}
