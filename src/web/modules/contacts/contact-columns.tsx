import { Button, Space, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatTime } from '../../lib/format';
import { sheetPrintPath, type Contact } from './contact-types';

const CHANNEL_COLOR: Partial<Record<Contact['channel'], string>> = {
  phone: 'blue',
  hotline_400: 'geekblue',
  walk_in: 'green',
  letter: 'gold',
  on_site: 'cyan',
  ecommerce_dispute: 'volcano',
};

export function durationText(t: TFunction, seconds: number | null): string {
  if (seconds === null) return '';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? t('contacts.durationMinutes', { m, s }) : t('contacts.durationSeconds', { s });
}

/** IN-8: the letter's coordination sheet (print it again), the button to open one, or why there is none. */
function SheetCell({ t, contact, issue }: { t: TFunction; contact: Contact; issue?: (c: Contact) => void }) {
  const letter = contact.letter;
  if (!letter) return null;
  const sheet = letter.coordinationSheet;
  if (sheet)
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Link href={sheetPrintPath(contact.id)} target="_blank" data-testid="sheet-link">
          <PrinterOutlined /> {sheet.number}
        </Typography.Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('letters.sheet.dueShort', { time: formatTime(sheet.dueAt) })}
        </Typography.Text>
      </Space>
    );
  if (letter.sheetRule === 'never' || !issue)
    return (
      <Typography.Text type="secondary">
        {letter.sheetRule === 'never' ? t('letters.sheet.none') : ''}
      </Typography.Text>
    );
  return (
    <Button size="small" onClick={() => issue(contact)} data-testid="issue-sheet">
      {letter.sheetRule === 'assistant_decides' ? t('letters.sheet.issue') : t('letters.sheet.issueLate')}
    </Button>
  );
}

/** The ticket the contact led to, by its number, opening the ticket. */
function TicketCell({ contact: c }: { contact: Contact }) {
  if (!c.ticketId) return null;
  return (
    <Link to={`/tickets/${c.ticketId}`} style={{ fontFamily: 'monospace' }} data-testid="contact-ticket">
      {c.ticketNumber ?? c.ticketId.slice(0, 8)}
    </Link>
  );
}

export function contactColumns(
  t: TFunction,
  opts: {
    letters: boolean;
    openCustomer: (id: string) => void;
    /** Set when the reader may issue coordination sheets (IN-8). */
    issueSheet?: (contact: Contact) => void;
  },
): TableColumnsType<Contact> {
  const base: TableColumnsType<Contact> = [
    {
      title: t('contacts.occurredAt'),
      dataIndex: 'occurredAt',
      width: 140,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('contacts.channelLabel'),
      key: 'channel',
      width: 110,
      render: (_, c) => <Tag color={CHANNEL_COLOR[c.channel]}>{t(`tickets.channel.${c.channel}`)}</Tag>,
    },
    // Letters always come in and carry no number: the register leaves those two columns out.
    ...(opts.letters
      ? []
      : [
          {
            title: t('contacts.direction'),
            key: 'direction',
            width: 90,
            render: (_: unknown, c: Contact) => t(`contacts.directions.${c.direction}`),
          },
        ]),
    {
      title: t('contacts.customer'),
      key: 'customer',
      width: 110,
      render: (_, c) =>
        c.customer ? (
          <Typography.Link onClick={() => opts.openCustomer(c.customer!.id)}>
            {c.customer.name}
          </Typography.Link>
        ) : (
          <Typography.Text type="secondary">{t('contacts.noCustomer')}</Typography.Text>
        ),
    },
    ...(opts.letters
      ? []
      : [
          {
            title: t('contacts.phoneNumber'),
            dataIndex: 'phoneNumber',
            width: 130,
            render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? ''}</span>,
          },
        ]),
  ];
  const letter: TableColumnsType<Contact> = opts.letters
    ? [
        {
          title: t('contacts.letterCategory'),
          key: 'category',
          width: 120,
          render: (_, c) => (c.letter ? t(`contacts.letterCategories.${c.letter.category}`) : ''),
        },
        { title: t('contacts.sender'), key: 'sender', width: 100, render: (_, c) => c.letter?.sender ?? '' },
        {
          title: t('contacts.receivedOn'),
          key: 'receivedOn',
          width: 110,
          render: (_, c) => c.letter?.receivedOn ?? '',
        },
        {
          title: t('contacts.routedTo'),
          key: 'routedTo',
          width: 120,
          render: (_, c) => c.letter?.routedTo?.name ?? '',
        },
        {
          title: t('letters.sheet.column'),
          key: 'sheet',
          width: 170,
          render: (_, c) => <SheetCell t={t} contact={c} issue={opts.issueSheet} />,
        },
      ]
    : [];
  return [
    ...base,
    ...letter,
    {
      title: t('contacts.summary'),
      dataIndex: 'summary',
      ellipsis: true,
      width: opts.letters ? 300 : undefined,
    },
    {
      title: t('contacts.duration'),
      key: 'duration',
      width: 90,
      render: (_, c) => durationText(t, c.durationSeconds),
    },
    { title: t('contacts.agent'), key: 'agent', width: 90, render: (_, c) => c.agent?.name ?? '' },
    {
      title: t('contacts.ticket'),
      key: 'ticket',
      width: 130,
      render: (_, c) => <TicketCell contact={c} />,
    },
  ];
}
