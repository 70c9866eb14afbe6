import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartOption } from '../../components/echart';
import type { SurveyResults } from '../../../shared/surveys';

/** CSAT per week (line) with the number of responses (bars). */
export function CsatTrendChart({ trend }: { trend: SurveyResults['trend'] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('surveys.results.csat'), t('surveys.results.responses')] },
      grid: { left: 40, right: 40, top: 48, bottom: 30 },
      xAxis: { type: 'category', data: trend.map((w) => w.week.slice(5)) },
      yAxis: [
        { type: 'value', min: 1, max: 5, name: 'CSAT' },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('surveys.results.csat'),
          type: 'line',
          smooth: true,
          data: trend.map((w) => w.csatAverage),
          connectNulls: true,
          label: { show: true },
        },
        {
          name: t('surveys.results.responses'),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 36,
          data: trend.map((w) => w.responses),
          itemStyle: { color: '#d6e4ff' },
        },
      ],
    }),
    [trend, t],
  );
  return <EChart option={option} testId="chart-csat-trend" />;
}

/** NPS as a gauge from −100 to 100 and its promoter/passive/detractor bar. */
export function NpsChart({ nps }: { nps: SurveyResults['summary']['nps'] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: {},
      grid: { left: 110, right: 20, top: '62%', bottom: 10 },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: [
          t('surveys.results.npsDetractors'),
          t('surveys.results.passives'),
          t('surveys.results.promoters'),
        ],
      },
      series: [
        {
          type: 'gauge',
          min: -100,
          max: 100,
          center: ['50%', '38%'],
          radius: '55%',
          startAngle: 200,
          endAngle: -20,
          axisLine: {
            lineStyle: {
              width: 14,
              color: [
                [0.5, '#ff7875'],
                [0.75, '#ffd666'],
                [1, '#95de64'],
              ],
            },
          },
          splitNumber: 4,
          axisLabel: { distance: 18, fontSize: 10 },
          splitLine: { length: 8 },
          axisTick: { show: false },
          pointer: { width: 4 },
          detail: {
            formatter: nps.score === null ? '—' : String(nps.score),
            fontSize: 22,
            offsetCenter: [0, '40%'],
          },
          data: [{ value: nps.score ?? 0, name: 'NPS' }],
        },
        {
          type: 'bar',
          data: [
            { value: nps.detractors, itemStyle: { color: '#ff7875' } },
            { value: nps.passives, itemStyle: { color: '#ffd666' } },
            { value: nps.promoters, itemStyle: { color: '#95de64' } },
          ],
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [nps, t],
  );
  return <EChart option={option} height={320} testId="chart-nps" />;
}

const valueLabel = (
  t: TFunction,
  kind: string,
  value: string,
  options?: { value: string; label: string }[],
) =>
  kind === 'satisfaction'
    ? t(`surveys.level.${value}`)
    : (options?.find((o) => o.value === value)?.label ?? value);

/** How the answers to one question spread over its values. */
export function DistributionChart({
  question,
  options,
}: {
  question: SurveyResults['distributions'][number]['questions'][number];
  options?: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: {},
      grid: { left: 40, right: 20, top: 20, bottom: 50 },
      xAxis: {
        type: 'category',
        data: question.counts.map((c) => valueLabel(t, question.kind, c.value, options)),
        axisLabel: { interval: 0, rotate: question.counts.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          data: question.counts.map((c) => c.count),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [question, options, t],
  );
  return <EChart option={option} height={220} testId={`chart-distribution-${question.questionId}`} />;
}
