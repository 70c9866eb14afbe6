import type { Actor } from '../../app/context';
import { pagedSource, type ListExport } from '../../app/list-export';
import { labelsIn } from '../../../shared/common';
import type { Contact, ListContactsQuery } from '../../../shared/contacts';
import { TICKET_CHANNEL_LABELS } from '../../../shared/tickets';

type ContactsFilter = Omit<ListContactsQuery, 'page' | 'pageSize'>;
type ReadPage = (
  actor: Actor,
  query: ContactsFilter,
  page: number,
  pageSize: number,
) => Promise<{ items: Contact[]; total: number }>;

const CHANNEL_ZH = labelsIn(TICKET_CHANNEL_LABELS, 'zh');

/** 来电来访记录 as Excel: the contact log of the list's filter, numbers as the list shows them (CUS-4). */
export const contactsExport = (read: ReadPage): ListExport<ContactsFilter, Contact> => ({
  name: 'contacts',
  title: '来电来访记录',
  permission: 'contacts.read',
  columns: [
    { header: '时间', width: 18, kind: 'datetime', value: (c) => c.occurredAt },
    { header: '渠道', width: 10, value: (c) => CHANNEL_ZH[c.channel] },
    { header: '方向', width: 8, value: (c) => (c.direction === 'inbound' ? '呼入' : '呼出') },
    { header: '号码', width: 16, value: (c) => c.phoneNumber },
    { header: '客户', width: 14, value: (c) => c.customer?.name },
    { header: '摘要', width: 44, value: (c) => c.summary },
    { header: '时长（秒）', width: 10, kind: 'integer', value: (c) => c.durationSeconds },
    { header: '受理人', width: 12, value: (c) => c.agent?.name },
    { header: '门店', width: 16, value: (c) => c.unitName },
    { header: '协调单号', width: 18, value: (c) => c.letter?.coordinationSheet?.number },
  ],
  open: (_deps, actor, query) => pagedSource((page, pageSize) => read(actor, query, page, pageSize)),
});
