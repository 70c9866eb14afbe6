import { Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import type { Page } from '../../api/types';
import { FIELD_STATES, WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import type { WorkOrderRow, WorkOrderState } from '../../../shared/workorders';

export const STATE_COLORS: Record<WorkOrderState, string> = {
  new: 'default',
  assigned: 'blue',
  appointment_agreed: 'cyan',
  en_route: 'geekblue',
  on_site: 'orange',
  completed: 'green',
  carried_in: 'purple',
  returned: 'green',
  verified: 'success',
  closed: 'default',
  cancelled: 'default',
};

export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
export const mapHref = (address: string) =>
  `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;

export const windowLabel = (a: { start: string; end: string } | null) =>
  a ? `${dayjs(a.start).format('HH:mm')}–${dayjs(a.end).format('HH:mm')}` : null;

/** The day of a visit as a technician says it: 今天, 明天, or the date (issue 16: tomorrow's visit showed only its hours). */
export function visitDay(t: TFunction, start: string, now = dayjs()): string {
  const day = dayjs(start).startOf('day');
  const today = now.startOf('day');
  if (day.isSame(today)) return t('workOrders.tech.dayToday');
  if (day.isSame(today.add(1, 'day'))) return t('workOrders.tech.dayTomorrow');
  return day.format(t('workOrders.tech.dayFormat'));
}

/** The address as a copyable line (for map apps) with a map shortcut; big enough for a thumb. */
export function AddressLine({ address }: { address: string | null }) {
  const { t } = useTranslation();
  if (!address) return null;
  return (
    <Flex align="flex-start" gap={6}>
      <EnvironmentOutlined style={{ marginTop: 4 }} />
      <Typography.Text
        copyable={{
          text: address,
          tooltips: [t('workOrders.tech.copyAddress'), t('workOrders.tech.addressCopied')],
        }}
        style={{ flex: 1 }}
        data-testid="visit-address"
      >
        {address}
      </Typography.Text>
    </Flex>
  );
}

export function CallButton({
  phone,
  block,
  label,
}: {
  phone: string | null | undefined;
  block?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  if (!phone) return null;
  return (
    <Button icon={<PhoneOutlined />} href={telHref(phone)} block={block} data-testid="call-customer">
      {label ?? t('workOrders.tech.call')} {phone}
    </Button>
  );
}

function VisitCard({ row, index }: { row: WorkOrderRow & { contactPhone?: string | null }; index?: number }) {
  const { t } = useTranslation();
  const window = windowLabel(row.appointment);
  return (
    <Card size="small" data-testid="tech-visit-card" styles={{ body: { padding: 12 } }}>
      <Link to={`/tech/${row.id}`} style={{ color: 'inherit', display: 'block' }}>
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Flex gap={6} align="center" wrap>
              {index !== undefined && <Tag color="blue">{t('workOrders.tech.step', { n: index + 1 })}</Tag>}
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="tech-visit-when">
                {row.appointment && window
                  ? `${visitDay(t, row.appointment.start)} ${window}`
                  : t('workOrders.board.noAppointment')}
              </Typography.Text>
            </Flex>
            <Typography.Text>
              {[row.customer?.name, t(`workOrders.type.${row.type}`)].filter(Boolean).join(' · ')}
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis>
              {row.problem}
            </Typography.Text>
          </Flex>
          <Flex vertical align="flex-end" gap={4}>
            <Tag color={STATE_COLORS[row.state]} style={{ marginInlineEnd: 0 }}>
              {t(`workOrders.state.${row.state}`)}
            </Tag>
            <RightOutlined />
          </Flex>
        </Flex>
      </Link>
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        <AddressLine address={row.address} />
        <CallButton phone={row.contactPhone} block />
      </Flex>
    </Card>
  );
}

/**
 * 我的上门 (REP-1): the technician's visits today in time order, then everything else still open
 * (not yet booked, other days, carried in). Phone first: one column, large tap targets.
 */
export function TechPage() {
  const { t } = useTranslation();
  const today = dayjs().format('YYYY-MM-DD');
  const query = useQuery({
    queryKey: [WORKORDERS_KEY, 'list', 'mine-open'],
    queryFn: ({ signal }) =>
      get<Page<WorkOrderRow>>(
        WORKORDERS,
        { mine: true, state: FIELD_STATES.join(','), pageSize: 200, page: 1 },
        signal,
      ),
    refetchInterval: 60_000,
  });
  const rows = query.data?.items ?? [];
  const isToday = (r: WorkOrderRow) =>
    !!r.appointment && dayjs(r.appointment.start).format('YYYY-MM-DD') === today;
  const todays = rows
    .filter(isToday)
    .sort((a, b) => dayjs(a.appointment!.start).valueOf() - dayjs(b.appointment!.start).valueOf());
  const others = rows
    .filter((r) => !isToday(r))
    .sort(
      (a, b) =>
        (a.appointment ? dayjs(a.appointment.start).valueOf() : Infinity) -
        (b.appointment ? dayjs(b.appointment.start).valueOf() : Infinity),
    );

  if (query.isLoading) return <Spin />;
  return (
    <Flex vertical gap={12} data-testid="tech-page">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('workOrders.tech.today', { date: dayjs().format('YYYY-MM-DD dddd') })}
      </Typography.Title>
      {todays.length === 0 && <Empty description={t('workOrders.tech.empty')} />}
      {todays.map((row, i) => (
        <VisitCard key={row.id} row={row} index={i} />
      ))}
      {others.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: '12px 0 0' }}>
            {t('workOrders.tech.other')}
          </Typography.Title>
          {others.map((row) => (
            <VisitCard key={row.id} row={row} />
          ))}
        </>
      )}
    </Flex>
  );
}
