import { Card, Col, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DAY_COLORS,
  countKinds,
  formatPeriods,
  monthGrid,
  type CalendarDay,
  type DayKind,
} from './calendar-model';

const KINDS: DayKind[] = ['working', 'rest', 'holiday', 'makeup', 'half', 'closed'];

/** Legend of day colours with the year's counts. */
export function DayLegend({ days }: { days: CalendarDay[] }) {
  const { t } = useTranslation();
  const counts = countKinds(days);
  return (
    <Space wrap>
      {KINDS.map((k) => (
        <Tag key={k} color={DAY_COLORS[k]} style={{ color: '#333', border: '1px solid #d9d9d9' }}>
          {t(`calendar.kind.${k}`)} · {counts[k]}
        </Tag>
      ))}
    </Space>
  );
}

/** Twelve month grids coloured by kind of day (SLA-1 wall calendar). */
export function WallCalendar({ days }: { days: CalendarDay[] }) {
  const { t } = useTranslation();
  const heads = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => t(`calendar.weekdayShort.${d}`));
  return (
    <Row gutter={[12, 12]}>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
        <Col key={month} xs={24} sm={12} md={8} xl={6}>
          <Card size="small" title={t('calendar.month', { month })}>
            <table style={{ width: '100%', borderCollapse: 'collapse', textAlign: 'center', fontSize: 12 }}>
              <thead>
                <tr>
                  {heads.map((h) => (
                    <th key={h} style={{ fontWeight: 'normal', color: '#888' }}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthGrid(days, month).map((week, w) => (
                  <tr key={w}>
                    {week.map((d, i) =>
                      d ? (
                        <Tooltip
                          key={d.date}
                          title={
                            <>
                              <div>
                                {d.date} {t(`calendar.kind.${d.kind}`)}
                                {d.name ? ` · ${d.name}` : ''}
                              </div>
                              {d.periods.length > 0 && <div>{formatPeriods(d.periods)}</div>}
                              <div>{t(`calendar.source.${d.source}`)}</div>
                            </>
                          }
                        >
                          <td
                            style={{ background: DAY_COLORS[d.kind], padding: 2, border: '1px solid #fff' }}
                          >
                            <Typography.Text strong={d.source === 'unit'} style={{ fontSize: 12 }}>
                              {Number(d.date.slice(8))}
                            </Typography.Text>
                          </td>
                        </Tooltip>
                      ) : (
                        <td key={`pad-${i}`} />
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
