import { useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import { PrintButton, ReportExcelButton, ReportPrintStyle } from '../dashboard';
import { CARE_API, CARE_PERM } from './care-api';

interface EstateFollowUps {
  unitId: string;
  unitName: string;
  moveInDate: string | null;
  summary: { houses: number; reached: number; satisfied: number; issues: number; open: number };
  items: {
    taskId: string;
    customerName: string;
    house: string;
    dueDate: string;
    state: string;
    outcome: string | null;
    outcomeNote: string | null;
    doneAt: string | null;
  }[];
}

/**
 * CARE-1 real estate: the estate's main move-in date (集中入住日), from which every house's 3-month
 * residence follow-up counts, and the follow-up table / report with its Excel export.
 */
export function CareEstatePage() {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const { unitId: currentUnitId } = useCurrentUnit();
  const [unitChoice, setUnitChoice] = useState<string | undefined>(undefined);
  const unitId = unitChoice ?? currentUnitId;
  const [date, setDate] = useState<Dayjs | null>(null);
  const key = ['care', 'estate', unitId];
  const report = useQuery({
    queryKey: key,
    enabled: !!unitId,
    queryFn: ({ signal }) =>
      get<EstateFollowUps>(`${CARE_API}/units/${unitId}/estate/follow-ups`, undefined, signal),
  });
  const save = useMutation({
    mutationFn: () =>
      api(`${CARE_API}/units/${unitId}/estate`, {
        method: 'PUT',
        body: { moveInDate: date!.format('YYYY-MM-DD') },
      }),
    onSuccess: async () => {
      notifySuccess(t('care.estate.saved'));
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: showError,
  });
  const r = report.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="care-estate">
      <ReportPrintStyle />
      <Card
        title={t('care.estate.title')}
        extra={
          unitId && (
            <Space className="no-print">
              <ReportExcelButton
                path={`${CARE_API}/estate-follow-ups/export.xlsx`}
                query={{ unitId }}
                filename={`${t('care.estate.title')}-${r?.unitName ?? ''}`}
              />
              <PrintButton />
            </Space>
          )
        }
      >
        <Space wrap className="no-print" style={{ marginBottom: 16 }}>
          <UnitTreeSelect
            value={unitId}
            onChange={(v) => setUnitChoice(v ?? undefined)}
            style={{ width: 220 }}
          />
          <Typography.Text>
            {t('care.estate.moveIn')}：{r?.moveInDate ?? t('care.estate.notSet')}
          </Typography.Text>
          {can(CARE_PERM.manage) && (
            <>
              <DatePicker
                value={date ?? (r?.moveInDate ? dayjs(r.moveInDate) : null)}
                onChange={setDate}
                placeholder={t('care.estate.moveIn')}
              />
              <Button disabled={!date || !unitId} loading={save.isPending} onClick={() => save.mutate()}>
                {t('care.estate.save')}
              </Button>
            </>
          )}
        </Space>
        <Typography.Paragraph type="secondary">{t('care.estate.hint')}</Typography.Paragraph>
        {r && (
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}>
              <Statistic title={t('care.estate.houses')} value={r.summary.houses} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.estate.reached')} value={r.summary.reached} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.estate.satisfied')} value={r.summary.satisfied} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.estate.issues')} value={r.summary.issues} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.estate.open')} value={r.summary.open} />
            </Col>
          </Row>
        )}
        <Table
          size="small"
          rowKey="taskId"
          loading={report.isLoading}
          dataSource={r?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('care.estate.empty')} /> }}
          columns={[
            { title: t('care.estate.dueDate'), dataIndex: 'dueDate' },
            { title: t('care.estate.owner'), dataIndex: 'customerName' },
            { title: t('care.estate.house'), dataIndex: 'house' },
            {
              title: t('care.estate.state'),
              dataIndex: 'state',
              render: (s: string) => <Tag>{t(`care.state.${s}`)}</Tag>,
            },
            {
              title: t('care.estate.outcome'),
              dataIndex: 'outcome',
              render: (o: string | null) => (o ? t(`care.outcome.${o}`) : '—'),
            },
            { title: t('care.estate.note'), dataIndex: 'outcomeNote' },
            {
              title: t('care.estate.doneAt'),
              dataIndex: 'doneAt',
              render: (d: string | null) => formatTime(d),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
