import { useState } from 'react';
import { Alert, Button, Card, Input, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import type { AnalysisHistory, AnalysisVersion } from '../../../shared/reports';
import { REPORT_PERM, REPORTS_API } from './reports-api';

/** RPT-2: the intake owner's written analysis of the month; each save a version, signing freezes one. */
export function AnalysisPanel({ unitId, period }: { unitId: string | undefined; period: string | null }) {
  const { t } = useTranslation();
  const mayWrite = useCan()(REPORT_PERM.write);
  const queryClient = useQueryClient();
  const key = ['reports', 'analyses', unitId, period];
  const history = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<AnalysisHistory>(`${REPORTS_API}/analyses`, { unitId, period }, signal),
    enabled: !!unitId && !!period,
  });
  const latest = history.data?.versions[0];
  // The draft belongs to the version it was started from; a new version starts a new draft.
  const [draft, setDraft] = useState<{ from: string | undefined; text: string } | null>(null);
  const text = draft && draft.from === latest?.id ? draft.text : (latest?.body ?? '');
  const setText = (value: string) => setDraft({ from: latest?.id, text: value });
  const save = useMutation({
    mutationFn: () => post<AnalysisVersion>(`${REPORTS_API}/analyses`, { unitId, period, body: text }),
    onSuccess: async (v) => {
      notifySuccess(t('reports.monthly.saved', { version: v.version }));
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: showError,
  });
  const sign = useMutation({
    mutationFn: (id: string) => post<AnalysisVersion>(`${REPORTS_API}/analyses/${id}/sign`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
    onError: showError,
  });

  if (!unitId || !period)
    return (
      <Card size="small" title={t('reports.monthly.analysis')}>
        <Alert type="info" showIcon title={t('reports.monthly.chooseUnit')} />
      </Card>
    );
  return (
    <Card size="small" title={t('reports.monthly.analysis')} data-testid="report-analysis">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {mayWrite ? (
          <>
            <Input.TextArea
              className="report-no-print"
              rows={6}
              value={text}
              maxLength={20_000}
              placeholder={t('reports.monthly.analysisPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              data-testid="analysis-text"
            />
            <Space className="report-no-print">
              <Button
                type="primary"
                loading={save.isPending}
                disabled={!text.trim() || text === latest?.body}
                onClick={() => save.mutate()}
                data-testid="analysis-save"
              >
                {t('reports.monthly.save')}
              </Button>
              {latest && !latest.signedAt && (
                <Popconfirm title={t('reports.monthly.signConfirm')} onConfirm={() => sign.mutate(latest.id)}>
                  <Button loading={sign.isPending} data-testid="analysis-sign">
                    {t('reports.monthly.sign')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </>
        ) : null}
        {latest ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{latest.body}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('reports.monthly.noAnalysis')}</Typography.Text>
        )}
        {history.data && history.data.versions.length > 0 && (
          <>
            <Typography.Text strong>{t('reports.monthly.history')}</Typography.Text>
            <Timeline
              items={history.data.versions.map((v) => ({
                color: v.signedAt ? 'green' : 'gray',
                content: (
                  <Space orientation="vertical" size={0} data-testid={`analysis-version-${v.version}`}>
                    <Space>
                      <Typography.Text strong>
                        {t('reports.monthly.version', { version: v.version })}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {t('reports.monthly.by', { name: v.createdBy, time: formatTime(v.createdAt) })}
                      </Typography.Text>
                      {v.signedAt && (
                        <Tag color="green">
                          {t('reports.monthly.signedBy', { name: v.signedBy, time: formatTime(v.signedAt) })}
                        </Tag>
                      )}
                    </Space>
                    <Typography.Text type="secondary" ellipsis style={{ maxWidth: 640 }}>
                      {v.body}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
