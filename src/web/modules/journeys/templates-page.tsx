import { Button, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../auth/use-me';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { ListTable } from '../../components/list-table';
import { formatTime } from '../../lib/format';
import { JOURNEYS_KEY, type JourneyTemplateRow } from './journeys-api';
import { latestTemplates } from './journeys-page';

/** 流程模板: every template with all its versions; running journeys keep theirs. */
export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const can = useCan();
  const manage = can('journeys.templates.manage');
  const templates = useQuery({
    queryKey: [JOURNEYS_KEY, 'templates'],
    queryFn: ({ signal }) =>
      get<{ items: JourneyTemplateRow[] }>('/api/v1/journeys/templates', undefined, signal),
  });
  const rows = templates.data?.items ?? [];
  const latest = new Set(latestTemplates(rows).map((r) => r.id));
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('journeys.templates.title')}
      </Typography.Title>
      <ListTable
        rowKey="id"
        size="small"
        loading={templates.isLoading}
        dataSource={rows}
        columns={[
          { title: t('journeys.template'), render: (_, r) => (en ? r.nameEn : r.nameZh) },
          {
            title: t('journeys.version'),
            render: (_, r) => (
              <>
                v{r.version} {latest.has(r.id) && <Tag color="blue">{t('journeys.templates.latest')}</Tag>}
              </>
            ),
          },
          {
            title: t('journeys.templates.stages'),
            render: (_, r) => r.definition.stages.map((s) => (en ? s.nameEn : s.nameZh)).join(' → '),
          },
          { title: t('journeys.templates.createdAt'), render: (_, r) => formatTime(r.createdAt) },
          {
            title: '',
            render: (_, r) =>
              latest.has(r.id) && (
                <Space size={4}>
                  <Link to={`/journeys/board?template=${encodeURIComponent(r.code)}`}>
                    {t('journeys.board.open')}
                  </Link>
                  {manage && (
                    <>
                      <Link to={`/journeys/templates/${encodeURIComponent(r.code)}/edit?copy`}>
                        <Button size="small" data-testid={`copy-template-${r.code}`}>
                          {t('journeys.editor.copy')}
                        </Button>
                      </Link>
                      <Link to={`/journeys/templates/${encodeURIComponent(r.code)}/edit`}>
                        <Button size="small">{t('journeys.editor.edit')}</Button>
                      </Link>
                    </>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Flex>
  );
}
