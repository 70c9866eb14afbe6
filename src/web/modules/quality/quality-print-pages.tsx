import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { get } from '../../api/client';
import { PrintFrame } from '../../components/print/print-frame';
import { PrintPair as Pair, PrintRow as Row, SignatureBox } from '../../components/print/sheet-parts';
import { localName } from '../../lib/format';
import type { QualityFigures, ReviewDetail } from '../../../shared/quality';
import { QUALITY_API } from './quality-api';

const time = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

/** The A4 quality score sheet (质检评分表): the work reviewed, each item's score, the appeal, signatures. */
export function QualityScoreSheet({ r }: { r: ReviewDetail }) {
  const { t } = useTranslation();
  const revised = r.appeal?.revisedPoints ?? null;
  const max = r.form.items.reduce((n, i) => n + i.maxPoints, 0);
  const sum = (points: Record<string, number> | null) =>
    points ? r.form.items.reduce((n, i) => n + (points[i.key] ?? 0), 0) : null;
  return (
    <div className="wo-sheet a4" data-testid="quality-score-sheet">
      <div className="wo-head">
        <div>
          <div className="company">{r.unit.name}</div>
          <h1>{t('quality.print.sheetTitle')}</h1>
          <div className="wo-meta">
            {t('quality.list.month')}：{r.month} ·{' '}
            {r.form.version
              ? t('quality.review.formVersion', { version: r.form.version })
              : t('quality.review.defaultForm')}
          </div>
        </div>
        <div className="wo-meta">
          {t('quality.print.printedAt')}：{dayjs().format('YYYY-MM-DD HH:mm')}
        </div>
      </div>
      <table className="wo-grid">
        <tbody>
          <Pair
            a={[t('quality.list.subject'), `${t(`quality.subject.${r.subjectType}`)} ${r.subjectLabel}`]}
            b={[t('quality.list.reason'), t(`quality.reason.${r.reason}`)]}
          />
          <Pair
            a={[t('quality.list.agent'), r.agent.name]}
            b={[t('quality.list.handledAt'), time(r.handledAt)]}
          />
          <Pair
            a={[t('quality.list.reviewer'), r.reviewer?.name ?? '']}
            b={[t('quality.list.state'), t(`quality.state.${r.state}`)]}
          />
        </tbody>
      </table>
      <div className="wo-section">{t('quality.review.scored')}</div>
      <table className="wo-grid">
        <thead>
          <tr>
            <th style={{ width: '34%' }}>{t('quality.review.item')}</th>
            <th style={{ width: '9%' }}>{t('quality.review.maxPoints')}</th>
            <th style={{ width: '9%' }}>{t('quality.review.points')}</th>
            {revised && <th style={{ width: '11%' }}>{t('quality.review.revisedPoints')}</th>}
            <th>{t('quality.review.itemComment')}</th>
          </tr>
        </thead>
        <tbody>
          {r.form.items.map((i) => (
            <tr key={i.key}>
              <td>{localName(i.labelZh, i.labelEn)}</td>
              <td style={{ textAlign: 'right' }}>{i.maxPoints}</td>
              <td style={{ textAlign: 'right' }}>{r.points?.[i.key] ?? ''}</td>
              {revised && <td style={{ textAlign: 'right' }}>{revised[i.key] ?? ''}</td>}
              <td>{r.appeal?.revisedItemComments?.[i.key] ?? r.itemComments[i.key] ?? ''}</td>
            </tr>
          ))}
          <tr>
            <th>{t('quality.review.total')}</th>
            <td style={{ textAlign: 'right' }}>{max}</td>
            <td style={{ textAlign: 'right' }} data-testid="print-score-total">
              {sum(r.points) ?? ''}
            </td>
            {revised && <td style={{ textAlign: 'right' }}>{sum(revised)}</td>}
            <td>
              {t('quality.review.finalPercent')}：<b>{r.finalPercent ?? r.percent ?? ''}</b>
            </td>
          </tr>
        </tbody>
      </table>
      <table className="wo-grid">
        <tbody>
          <Row label={t('quality.review.comment')}>
            <div className="wo-multiline">{r.comment ?? ''}</div>
          </Row>
          {r.appeal && (
            <>
              <Row label={t('quality.review.appealBy')}>
                <div className="wo-multiline">
                  {r.appeal.reason}（{time(r.appeal.at)}）
                </div>
              </Row>
              <Row label={t('quality.review.decisionComment')}>
                <div className="wo-multiline">
                  {r.appeal.decision ? `${t(`quality.review.${r.appeal.decision}`)} · ` : ''}
                  {r.appeal.comment ?? ''}
                </div>
              </Row>
            </>
          )}
        </tbody>
      </table>
      <div className="wo-signs">
        <SignatureBox
          label={t('quality.list.reviewer')}
          name={r.reviewer?.name}
          at={r.scoredAt}
          dateLabel={t('quality.print.date')}
        />
        <SignatureBox label={t('quality.print.agentConfirms')} dateLabel={t('quality.print.date')} />
        <SignatureBox
          label={t('quality.review.decidedBy')}
          name={r.appeal?.decidedBy?.name}
          at={r.appeal?.decidedAt}
          dateLabel={t('quality.print.date')}
        />
      </div>
    </div>
  );
}

/** 打印质检评分表 (RPT-7, RPT-6): one review on its own A4 sheet. */
export function QualityReviewPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['quality', 'review', id],
    queryFn: ({ signal }) => get<ReviewDetail>(`${QUALITY_API}/reviews/${id}`, undefined, signal),
  });
  return (
    <PrintFrame
      backTo={`/quality/reviews/${id}`}
      backLabel={t('quality.print.back')}
      printLabel={t('quality.print.printNow')}
      size="a4"
      sheetKey={`review|${query.dataUpdatedAt}`}
      loading={query.isLoading}
      error={query.isError ? query.error : null}
    >
      {query.data ? <QualityScoreSheet r={query.data} /> : null}
    </PrintFrame>
  );
}

/** The A4 monthly quality figures (坐席质检月度统计): each agent's month, with the sign-off boxes. */
export function QualityFiguresSheet({ data }: { data: QualityFigures }) {
  const { t } = useTranslation();
  return (
    <div className="wo-sheet a4" data-testid="quality-figures-sheet">
      <div className="wo-head">
        <div>
          <div className="company">{data.unit?.name ?? t('quality.print.allUnits')}</div>
          <h1>{t('quality.print.figuresTitle', { month: data.month })}</h1>
          <div className="wo-meta">{t('quality.figures.period', { from: data.from, to: data.to })}</div>
        </div>
        <div className="wo-meta">
          {t('quality.print.printedAt')}：{dayjs().format('YYYY-MM-DD HH:mm')}
        </div>
      </div>
      <table className="wo-grid">
        <thead>
          <tr>
            <th style={{ width: '8%' }}>{t('quality.print.rank')}</th>
            <th>{t('quality.figures.agent')}</th>
            <th>{t('quality.figures.reviews')}</th>
            <th>{t('quality.figures.average')}</th>
            <th>{t('quality.figures.appeals')}</th>
            <th>{t('quality.figures.appealsRevised')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.length === 0 && (
            <tr>
              <td colSpan={6} style={{ textAlign: 'center' }}>
                {t('quality.figures.empty')}
              </td>
            </tr>
          )}
          {data.items.map((i, n) => (
            <tr key={i.agent.id}>
              <td style={{ textAlign: 'center' }}>{n + 1}</td>
              <td>{i.agent.name}</td>
              <td style={{ textAlign: 'right' }}>{i.reviews}</td>
              <td style={{ textAlign: 'right' }}>{i.averagePercent ?? '—'}</td>
              <td style={{ textAlign: 'right' }}>{i.appeals}</td>
              <td style={{ textAlign: 'right' }}>{i.appealsRevised}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="wo-foot">
        {t('quality.figures.hint', {
          rule:
            data.cutOffDay === 31
              ? t('quality.figures.calendarMonth')
              : t('quality.figures.cutOff', { day: data.cutOffDay }),
        })}
      </div>
      <div className="wo-signs">
        <SignatureBox label={t('quality.print.preparedBy')} dateLabel={t('quality.print.date')} />
        <SignatureBox label={t('quality.print.supervisor')} dateLabel={t('quality.print.date')} />
        <SignatureBox label={t('quality.print.manager')} dateLabel={t('quality.print.date')} />
      </div>
    </div>
  );
}

/** 打印坐席质检统计 (RPT-7, RPT-6): the month's figures of a unit on A4 (?unitId=&month=). */
export function QualityFiguresPrintPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const month = params.get('month') ?? undefined;
  const query = { unitId, month };
  const figures = useQuery({
    queryKey: ['quality', 'figures', query],
    queryFn: ({ signal }) => get<QualityFigures>(`${QUALITY_API}/figures`, query, signal),
  });
  return (
    <PrintFrame
      backTo="/quality/figures"
      backLabel={t('quality.print.backToFigures')}
      printLabel={t('quality.print.printNow')}
      size="a4"
      sheetKey={`figures|${figures.dataUpdatedAt}`}
      loading={figures.isLoading}
      error={figures.isError ? figures.error : null}
    >
      {figures.data ? <QualityFiguresSheet data={figures.data} /> : null}
    </PrintFrame>
  );
}
