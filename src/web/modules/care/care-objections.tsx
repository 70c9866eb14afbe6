import { Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { ListExportButton } from '../../components/list-export-button';
import { CARE_API, CARE_KEY, type CareRule, type Objection } from './care-api';

/**
 * CARE-6: standard answers to common objections, read from the knowledge base (approved answers of
 * kind 'objection'); they are written, approved and withdrawn there.
 */
export function CareObjections({
  unitId,
  manage,
  ruleCodes,
}: {
  unitId: string;
  manage: boolean;
  ruleCodes: CareRule[];
}) {
  const { t } = useTranslation();
  const key = [CARE_KEY, 'objections', unitId];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<{ items: Objection[] }>(`${CARE_API}/units/${unitId}/objections`, undefined, signal),
  });
  const items = list.data?.items ?? [];
  const ruleName = (code: string | null) =>
    code ? (ruleCodes.find((r) => r.code === code)?.nameZh ?? code) : t('care.rules.allRules');
  return (
    <Card
      title={t('care.rules.objections')}
      extra={
        <ListExportButton
          path={`${CARE_API}/objections/export.xlsx`}
          filters={{ unitId }}
          filename={t('care.rules.objections')}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        {t('care.rules.objectionsMoved')}{' '}
        {manage && (
          <Link to="/knowledge" data-testid="care-objections-in-knowledge">
            {t('care.rules.objectionsInKnowledge')}
          </Link>
        )}
      </Typography.Paragraph>
      <Table<Objection>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('care.rules.forRule'), key: 'rule', width: 200, render: (_, r) => ruleName(r.ruleCode) },
          { title: t('care.rules.objection'), dataIndex: 'objection', width: 220 },
          { title: t('care.rules.answer'), dataIndex: 'answer' },
        ]}
      />
    </Card>
  );
}
