import { useState } from 'react';
import type { DragEvent } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Modal,
  Progress,
  Space,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import {
  EditOutlined,
  LeftOutlined,
  ReloadOutlined,
  RightOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, localizedMessage } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { formatTime } from '../../lib/format';
import { AssignModal, fitProblems, useAssign } from './assign-modal';
import { STATE_COLORS, windowLabel } from './tech-page';
import { TechnicianProfileModal } from './technician-profile-modal';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import { PendingRequestsBadge } from './customer-requests';
import type { BoardTechnician, DispatchBoard, WorkOrderRow } from '../../../shared/workorders';

const DAY_START = 7;
const DAY_END = 21;
const WORKDAY_MINUTES = 8 * 60;
const DRAG_TYPE = 'application/x-kefu-workorder';

function UnassignedCard({
  row,
  onAssign,
  onDragStart,
}: {
  row: WorkOrderRow;
  onAssign: () => void;
  onDragStart: (e: DragEvent) => void;
}) {
  const { t } = useTranslation();
  const overdue = !!row.slaDueAt && dayjs(row.slaDueAt).isBefore(dayjs());
  return (
    <Card
      size="small"
      draggable
      onDragStart={onDragStart}
      style={{ cursor: 'grab' }}
      styles={{ body: { padding: 10 } }}
      data-testid="board-unassigned"
      data-number={row.number}
    >
      <Flex justify="space-between" align="center">
        <Link to={`/workorders/${row.id}`}>{row.number}</Link>
        <Space size={4}>
          <Tag color="blue">{t(`workOrders.type.${row.type}`)}</Tag>
          {row.complaintDriven && <Tag color="red">{t('workOrders.field.complaintDriven')}</Tag>}
          <PendingRequestsBadge kinds={row.pendingCustomerRequests} />
        </Space>
      </Flex>
      {row.customer && <Typography.Text strong>{row.customer.name}</Typography.Text>}
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
        {row.problem}
      </Typography.Paragraph>
      <Flex justify="space-between" align="center" wrap gap={4} style={{ marginTop: 4 }}>
        <Space size={4} wrap>
          {row.area && <Tag>{row.area}</Tag>}
          {row.requiredSkill && <Tag color="geekblue">{row.requiredSkill}</Tag>}
        </Space>
        {row.slaDueAt && (
          <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t('workOrders.field.slaDue')} {formatTime(row.slaDueAt)}
          </Typography.Text>
        )}
      </Flex>
      <Button size="small" type="link" onClick={onAssign} style={{ padding: 0 }} data-testid="board-assign">
        {t('workOrders.board.assign')}
      </Button>
    </Card>
  );
}

/** A technician's day: identity, skills/areas, load, and visits placed on an hour axis. */
function TechnicianRow({
  tech,
  dragging,
  onDropOrder,
  onDragVisit,
  onEditProfile,
}: {
  tech: BoardTechnician;
  dragging: WorkOrderRow | null;
  onDropOrder: (tech: BoardTechnician, workOrderId: string) => void;
  onDragVisit: (row: WorkOrderRow, e: DragEvent) => void;
  onEditProfile: () => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [over, setOver] = useState(false);
  const conflictIds = new Set(tech.conflicts.flatMap((c) => [c.a, c.b]));
  const numberOf = (id: string) => tech.visits.find((v) => v.id === id)?.number ?? '';
  const problems = dragging ? fitProblems(t, dragging, tech) : [];
  const loadPercent = Math.min(100, Math.round((tech.load.minutesBooked / WORKDAY_MINUTES) * 100));
  const span = (DAY_END - DAY_START) * 60;
  const place = (iso: string) => {
    const d = dayjs(iso);
    return Math.max(0, Math.min(100, (((d.hour() - DAY_START) * 60 + d.minute()) / span) * 100));
  };

  return (
    <div
      // Both dragenter and dragover must be cancelled, or the browser does not treat this as a drop
      // target; the drag's own data type says it is an order, before React has re-rendered.
      onDragEnter={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={(e) => {
        // Moving over the row's own children fires dragleave too; only leaving the row counts.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        onDropOrder(tech, e.dataTransfer.getData(DRAG_TYPE));
      }}
      data-testid="board-technician"
      data-name={tech.name}
      style={{
        display: 'grid',
        gridTemplateColumns: '200px 1fr',
        gap: 12,
        padding: 10,
        borderRadius: token.borderRadius,
        border: `1px ${over ? 'dashed' : 'solid'} ${
          over ? (problems.length ? token.colorError : token.colorPrimary) : token.colorBorderSecondary
        }`,
        background: over
          ? problems.length
            ? token.colorErrorBg
            : token.colorPrimaryBg
          : token.colorBgContainer,
      }}
    >
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="center">
          <Typography.Text strong>{tech.name}</Typography.Text>
          <Button
            size="small"
            type="text"
            icon={<EditOutlined />}
            onClick={onEditProfile}
            aria-label={t('workOrders.board.editProfile')}
            data-testid="board-edit-profile"
          />
        </Flex>
        {tech.phone && <Typography.Text type="secondary">{tech.phone}</Typography.Text>}
        <div>
          {tech.skills.map((s) => (
            <Tag
              key={s}
              color={dragging?.requiredSkill === s ? 'green' : 'geekblue'}
              style={{ marginBottom: 2 }}
            >
              {s}
            </Tag>
          ))}
        </div>
        <div>
          {tech.areas.map((a) => (
            <Tag key={a} color={dragging?.area === a ? 'green' : undefined} style={{ marginBottom: 2 }}>
              {a}
            </Tag>
          ))}
        </div>
        <Tooltip title={t('workOrders.common.minutes', { count: tech.load.minutesBooked })}>
          <Progress
            percent={loadPercent}
            size="small"
            status={loadPercent >= 100 ? 'exception' : 'normal'}
            format={() =>
              tech.toBook.length > 0
                ? t('workOrders.board.loadWithToBook', {
                    visits: tech.load.visits,
                    toBook: tech.toBook.length,
                  })
                : t('workOrders.common.visits', { count: tech.load.visits })
            }
          />
        </Tooltip>
      </Flex>
      <Flex vertical gap={6}>
        <div
          style={{ position: 'relative', height: 56, background: token.colorFillQuaternary, borderRadius: 4 }}
        >
          {Array.from({ length: DAY_END - DAY_START + 1 }, (_, i) => (
            <span
              key={i}
              style={{
                position: 'absolute',
                left: `${(i / (DAY_END - DAY_START)) * 100}%`,
                top: 0,
                bottom: 0,
                borderLeft: `1px solid ${token.colorBorderSecondary}`,
                fontSize: 10,
                color: token.colorTextTertiary,
                paddingLeft: 2,
              }}
            >
              {DAY_START + i}
            </span>
          ))}
          {tech.visits
            .filter((v) => v.appointment)
            .map((v) => {
              const left = place(v.appointment!.start);
              const width = Math.max(3, place(v.appointment!.end) - left);
              const clash = conflictIds.has(v.id);
              return (
                <Tooltip
                  key={v.id}
                  title={`${v.number} ${windowLabel(v.appointment)} ${v.customer?.name ?? v.contactName ?? ''} · ${t(`workOrders.state.${v.state}`)}`}
                >
                  <Link
                    to={`/workorders/${v.id}`}
                    draggable
                    onDragStart={(e) => onDragVisit(v, e)}
                    data-testid="board-visit"
                    data-number={v.number}
                    style={{
                      position: 'absolute',
                      left: `${left}%`,
                      width: `${width}%`,
                      top: 14,
                      height: 36,
                      padding: '2px 4px',
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      fontSize: 12,
                      borderRadius: 4,
                      color: clash ? token.colorError : token.colorText,
                      background: clash ? token.colorErrorBg : token.colorPrimaryBg,
                      border: `1px solid ${clash ? token.colorError : token.colorPrimaryBorder}`,
                    }}
                  >
                    {v.pendingCustomerRequests.length > 0 && (
                      <span style={{ color: token.colorError }} data-testid="customer-request-badge">
                        {t('workOrders.requests.badge')}{' '}
                      </span>
                    )}
                    {v.number.slice(-5)} {v.customer?.name ?? v.contactName ?? ''}
                  </Link>
                </Tooltip>
              );
            })}
        </div>
        <Flex gap={4} wrap>
          {tech.visits
            .filter((v) => !v.appointment)
            .map((v) => (
              <Tag key={v.id} color={STATE_COLORS[v.state]}>
                <Link to={`/workorders/${v.id}`}>{v.number}</Link> {t('workOrders.board.noAppointment')}
              </Tag>
            ))}
        </Flex>
        {tech.toBook.length > 0 && (
          <Flex gap={4} wrap align="center" data-testid="board-to-book">
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('workOrders.board.toBook', { count: tech.toBook.length })}
            </Typography.Text>
            {tech.toBook.map((v) => (
              <Tag key={v.id} color="orange">
                <Link
                  to={`/workorders/${v.id}`}
                  draggable
                  onDragStart={(e) => onDragVisit(v, e)}
                  data-testid="board-to-book-order"
                  data-number={v.number}
                >
                  {v.number}
                </Link>{' '}
                {v.customer?.name ?? v.contactName ?? ''}
              </Tag>
            ))}
          </Flex>
        )}
        {tech.conflicts.map((c) => (
          <Typography.Text key={`${c.a}-${c.b}`} type="danger" data-testid="board-conflict">
            <WarningOutlined /> {t('workOrders.board.conflicts')}：{numberOf(c.a)}{' '}
            {t('workOrders.board.overlap', { number: numberOf(c.b) })}
          </Typography.Text>
        ))}
        {over &&
          problems.map((p) => (
            <Typography.Text key={p} type="danger">
              <WarningOutlined /> {p}
            </Typography.Text>
          ))}
        {tech.visits.length === 0 && tech.toBook.length === 0 && !over && (
          <Typography.Text type="secondary">{t('workOrders.board.free')}</Typography.Text>
        )}
      </Flex>
    </div>
  );
}

/**
 * 派工看板 (REP-1, REP-3): unassigned orders on the left, the unit's technicians for the chosen
 * day on the right. Drag an order (or a booked visit, to reassign it) onto a technician, or press
 * 派工 and choose; skill and area misfits and overlapping visits are shown in red with the reason.
 */
export function DispatchBoardPage() {
  const { t } = useTranslation();
  const { unitId } = useCurrentUnit();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [dragging, setDragging] = useState<WorkOrderRow | null>(null);
  const [choosing, setChoosing] = useState<WorkOrderRow | null>(null);
  const [profile, setProfile] = useState<BoardTechnician | null>(null);
  const date = day.format('YYYY-MM-DD');
  const board = useQuery({
    queryKey: [WORKORDERS_KEY, 'board', unitId, date],
    queryFn: ({ signal }) => get<DispatchBoard>(`${WORKORDERS}/dispatch-board`, { unitId, date }, signal),
    enabled: !!unitId,
  });
  const { assign } = useAssign();
  const startDrag = (row: WorkOrderRow) => (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, row.id);
    e.dataTransfer.setData('text/plain', row.number);
    e.dataTransfer.effectAllowed = 'move';
    setDragging(row);
  };
  const drop = (tech: BoardTechnician, workOrderId: string) => {
    setDragging(null);
    const all = [
      ...(board.data?.unassigned ?? []),
      ...(board.data?.technicians.flatMap((x) => [...x.visits, ...x.toBook]) ?? []),
    ];
    const row = all.find((r) => r.id === workOrderId);
    if (!row || row.technician?.id === tech.id) return;
    // The red hint shows only while dragging: a misfit drop asks again, with the reason, before assigning.
    const problems = fitProblems(t, row, tech);
    if (problems.length === 0) {
      assign(row, tech);
      return;
    }
    Modal.confirm({
      title: t('workOrders.board.misfitConfirm', { number: row.number, name: tech.name }),
      content: (
        <Flex vertical gap={4} data-testid="board-misfit-reasons">
          {problems.map((p) => (
            <Typography.Text key={p} type="danger">
              <WarningOutlined /> {p}
            </Typography.Text>
          ))}
        </Flex>
      ),
      okText: t('workOrders.board.assignAnyway'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => assign(row, tech, undefined, true),
    });
  };
  const data = board.data;

  return (
    <Card
      title={t('workOrders.board.title')}
      extra={
        <Space wrap>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('workOrders.board.prevDay')}
            onClick={() => setDay(day.subtract(1, 'day'))}
          />
          <DatePicker
            value={day}
            onChange={(d) => d && setDay(d)}
            allowClear={false}
            data-testid="board-date"
          />
          <Button
            icon={<RightOutlined />}
            aria-label={t('workOrders.board.nextDay')}
            onClick={() => setDay(day.add(1, 'day'))}
          />
          <Button onClick={() => setDay(dayjs())}>{t('workOrders.board.today')}</Button>
          <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()} aria-label="refresh" />
        </Space>
      }
    >
      {board.isError && (
        <Alert type="error" showIcon title={localizedMessage(board.error)} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">{t('workOrders.board.dragHint')}</Typography.Paragraph>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'minmax(260px, 320px) 1fr',
          gap: 16,
          alignItems: 'start',
        }}
        onDragEnd={() => setDragging(null)}
      >
        {/* The list scrolls on its own so the technicians stay in view while an order is dragged. */}
        <Flex
          vertical
          gap={8}
          data-testid="board-unassigned-list"
          style={{ maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', paddingRight: 4 }}
        >
          <Typography.Text strong>
            {t('workOrders.board.unassigned', { count: data?.unassigned.length ?? 0 })}
          </Typography.Text>
          {data && data.unassigned.length === 0 && <Empty description={t('workOrders.board.noUnassigned')} />}
          {data?.unassigned.map((row) => (
            <UnassignedCard
              key={row.id}
              row={row}
              onAssign={() => setChoosing(row)}
              onDragStart={startDrag(row)}
            />
          ))}
        </Flex>
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('workOrders.board.technicians', { date })}</Typography.Text>
          {data && data.technicians.length === 0 && (
            <Empty description={t('workOrders.board.noTechnicians')} />
          )}
          {data?.technicians.map((tech) => (
            <TechnicianRow
              key={tech.id}
              tech={tech}
              dragging={dragging}
              onDropOrder={drop}
              onDragVisit={(row, e) => startDrag(row)(e)}
              onEditProfile={() => setProfile(tech)}
            />
          ))}
        </Flex>
      </div>
      <AssignModal order={choosing} unitId={unitId} onClose={() => setChoosing(null)} />
      {profile && unitId && (
        <TechnicianProfileModal technician={profile} unitId={unitId} onClose={() => setProfile(null)} />
      )}
    </Card>
  );
}
