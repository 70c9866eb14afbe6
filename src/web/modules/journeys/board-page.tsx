import { Card, Empty, Flex, Select, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { useJourneyLabels } from './journey-labels';
import { JOURNEYS_KEY, type JourneySummary, type JourneyTemplateRow } from './journeys-api';
import { latestTemplates } from './journeys-page';

const RED = '#cf1322';

/**
 * 流程看板: one template's running journeys as cards in the columns of their stages (the latest
 * version's stages, then any stage only an older version still has), overdue stages and payments
 * in red, filtered by the owner (who started the journey).
 */
export function JourneyBoardPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { label } = useJourneyLabels();
  const [params, setParams] = useSearchParams();
  const templateCode = params.get('template') ?? undefined;
  const ownerId = params.get('owner') ?? undefined;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'template') next.delete('owner');
    setParams(next, { replace: true });
  };
  const templates = useQuery({
    queryKey: [JOURNEYS_KEY, 'templates'],
    queryFn: ({ signal }) =>
      get<{ items: JourneyTemplateRow[] }>('/api/v1/journeys/templates', undefined, signal),
  });
  const latest = latestTemplates(templates.data?.items ?? []);
  const chosen = latest.find((x) => x.code === templateCode) ?? latest[0];
  const code = chosen?.code;
  const all = useQuery({
    enabled: !!code,
    queryKey: [JOURNEYS_KEY, 'board', code],
    queryFn: ({ signal }) =>
      get<{ items: JourneySummary[]; total: number }>(
        '/api/v1/journeys',
        { templateCode: code, status: 'running', pageSize: 200 },
        signal,
      ),
  });
  const running = all.data?.items ?? [];
  const owners = [...new Map(running.map((j) => [j.ownerId, j.ownerName ?? j.ownerId])).entries()];
  const shown = ownerId ? running.filter((j) => j.ownerId === ownerId) : running;
  const columns: { key: string; name: string; role: string | null }[] = (chosen?.definition.stages ?? []).map(
    (s) => ({ key: s.key, name: en ? s.nameEn : s.nameZh, role: s.role }),
  );
  for (const j of shown)
    if (j.stage && !columns.some((c) => c.key === j.stage))
      columns.push({
        key: j.stage,
        name: (en ? j.stageNameEn : j.stageNameZh) ?? j.stage,
        role: j.stageRole,
      });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8} align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('journeys.board.title')}
        </Typography.Title>
        <Flex gap={8} wrap align="center">
          <Select
            data-testid="board-template"
            style={{ minWidth: 220 }}
            value={code}
            onChange={(v: string) => set('template', v)}
            options={latest.map((x) => ({
              value: x.code,
              label: `${en ? x.nameEn : x.nameZh} v${x.version}`,
            }))}
          />
          <Select
            data-testid="board-owner"
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('journeys.board.allOwners')}
            value={ownerId}
            onChange={(v: string | undefined) => set('owner', v)}
            options={owners.map(([id, name]) => ({ value: id, label: name }))}
          />
        </Flex>
      </Flex>
      {columns.length === 0 ? (
        <Empty />
      ) : (
        <div style={{ overflowX: 'auto', paddingBottom: 8 }}>
          <Flex gap={8} align="flex-start" style={{ minWidth: columns.length * 228 }}>
            {columns.map((c) => {
              const cards = shown.filter((j) => j.stage === c.key);
              return (
                <div
                  key={c.key}
                  data-testid={`board-column-${c.key}`}
                  style={{
                    width: 220,
                    flex: '0 0 220px',
                    background: '#fff',
                    border: '1px solid #f0f0f0',
                    borderRadius: 6,
                    padding: 8,
                  }}
                >
                  <Flex justify="space-between" align="baseline" gap={4} style={{ marginBottom: 4 }}>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    <Tag style={{ marginInlineEnd: 0 }}>{cards.length}</Tag>
                  </Flex>
                  {c.role && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {label('role', c.role)}
                    </Typography.Text>
                  )}
                  <Flex vertical gap={6} style={{ marginTop: 6 }}>
                    {cards.map((j) => {
                      const late = j.overdue || j.paymentOverdue;
                      return (
                        <Card
                          key={j.id}
                          size="small"
                          data-testid="board-card"
                          data-overdue={late ? 'true' : 'false'}
                          style={late ? { borderColor: RED, borderWidth: 2 } : undefined}
                        >
                          <Link to={`/journeys/${j.id}`}>{j.customerName ?? j.customerId}</Link>
                          <div style={{ fontSize: 12, color: '#595959' }}>
                            {t('journeys.board.owner')}：{j.ownerName ?? '—'}
                          </div>
                          {j.stageDueAt && (
                            <div style={{ fontSize: 12, color: j.overdue ? RED : '#595959' }}>
                              {t('journeys.due')} {formatTime(j.stageDueAt)}
                            </div>
                          )}
                          <Flex gap={4} wrap style={{ marginTop: 4 }}>
                            {j.overdue && <Tag color="red">{t('journeys.overdue')}</Tag>}
                            {j.paymentOverdue && <Tag color="red">{t('journeys.board.paymentOverdue')}</Tag>}
                          </Flex>
                        </Card>
                      );
                    })}
                  </Flex>
                </div>
              );
            })}
          </Flex>
        </div>
      )}
    </Flex>
  );
}
