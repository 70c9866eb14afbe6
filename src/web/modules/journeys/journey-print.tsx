import { Button, Card, Space, Table, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useJourneyLabels } from './journey-labels';
import type { JourneyDetail } from './journeys-api';

export type PrintableKind = 'form' | 'document';

/** One paper form of a journey: a stage's required form or document (客户需求建议书 … 工程保修卡). */
export interface Printable {
  kind: PrintableKind;
  code: string;
  stage: string;
}

/** Every form and document the journey's stages ask for, in stage order. */
export function printablesOf(j: JourneyDetail): Printable[] {
  return j.template.stages.flatMap((s) => [
    ...(s.forms ?? []).map((code) => ({ kind: 'form' as const, code, stage: s.key })),
    ...(s.documents ?? []).map((code) => ({ kind: 'document' as const, code, stage: s.key })),
  ]);
}

export const printPath = (journeyId: string, p: Pick<Printable, 'kind' | 'code'>) =>
  `/journeys/${journeyId}/print/${p.kind}/${encodeURIComponent(p.code)}`;

/** 打印表单: the journey's paper forms, each opening as a clean A4 sheet filled from what is on file. */
export function JourneyPrintableForms({ journey: j }: { journey: JourneyDetail }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { label } = useJourneyLabels();
  const rows = printablesOf(j);
  if (rows.length === 0) return null;
  const stageName = (key: string) => {
    const s = j.template.stages.find((x) => x.key === key);
    return s ? (en ? s.nameEn : s.nameZh) : key;
  };
  const reached = new Set(j.history.map((h) => h.stage));
  return (
    <Card size="small" title={t('journeys.print.title')} data-testid="journey-printables">
      <Table
        rowKey={(p) => `${p.stage}-${p.kind}-${p.code}`}
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('journeys.print.form'), render: (_, p) => label(p.kind, p.code) },
          { title: t('journeys.stageFilter'), render: (_, p) => stageName(p.stage) },
          {
            title: t('journeys.print.state'),
            render: (_, p) =>
              (p.kind === 'form' ? j.forms : j.documents).includes(p.code) ? (
                <Tag color="green">{t('journeys.recorded')}</Tag>
              ) : reached.has(p.stage) ? (
                <Tag color="orange">{t('journeys.print.notYet')}</Tag>
              ) : (
                <Tag>{t('journeys.print.later')}</Tag>
              ),
          },
          {
            title: '',
            align: 'right',
            render: (_, p) => (
              <Link to={printPath(j.id, p)} data-testid={`print-${p.code}`}>
                <Space size={4}>
                  <Button size="small" icon={<PrinterOutlined />}>
                    {t('journeys.print.open')}
                  </Button>
                </Space>
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
