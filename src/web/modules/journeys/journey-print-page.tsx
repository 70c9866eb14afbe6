import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import dayjs from 'dayjs';
import { get } from '../../api/client';
import { PrintFrame } from '../../components/print/print-frame';
import { PrintPair, PrintRow, SignatureBox } from '../../components/print/sheet-parts';
import { formatTime } from '../../lib/format';
import { useJourneyLabels } from './journey-labels';
import { printablesOf, type PrintableKind } from './journey-print';
import { JOURNEYS_KEY, type JourneyDetail } from './journeys-api';

/**
 * What a paper form asks to be written by hand beyond what the journey has on file, per the
 * manuals' forms (rows named in journeys.print.row); a form without its own list gets the general one.
 */
const FORM_ROWS: Record<string, readonly string[]> = {
  installation_feedback: ['product', 'problem', 'handling', 'result'],
  leftover_sheet: ['product', 'leftover', 'cause', 'plan'],
  leftover_handling_feedback: ['leftover', 'handling', 'result', 'customerOpinion'],
  after_sales_feedback: ['problem', 'handling', 'customerOpinion'],
  satisfaction: ['satisfaction', 'customerOpinion'],
  customer_brief: ['house', 'style', 'budget', 'specialNeeds'],
  site_handover: ['workScope', 'notes'],
  staged_inspection: ['inspectionItems', 'result', 'rectification'],
  change_orders_signed: ['changeContent', 'costChange'],
  reconfirmation_call: ['callResult', 'notes'],
  goods_check: ['inspectionItems', 'result'],
  acceptance_form: ['inspectionItems', 'ratings', 'customerOpinion'],
  rectification_notice: ['rectification', 'deadline'],
  payment_notice: ['paymentDue', 'notes'],
  warranty_card: ['workScope', 'warrantyPeriod', 'warrantyTerms'],
};
const GENERAL_ROWS = ['content', 'result'];
/** Rows written as a tick-box line instead of a blank one. */
const TICK_ROWS = new Set(['satisfaction', 'ratings']);

/** 打印表单: one journey form or document on A4, filled from what is on file, blank where written by hand. */
export function JourneyPrintPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { id = '', kind = 'form', code = '' } = useParams();
  const { label, value } = useJourneyLabels();
  const query = useQuery({
    queryKey: [JOURNEYS_KEY, 'one', id],
    queryFn: ({ signal }) => get<JourneyDetail>(`/api/v1/journeys/${id}`, undefined, signal),
  });
  const j = query.data;
  const printable = j ? printablesOf(j).find((p) => p.kind === kind && p.code === code) : undefined;
  const unknown = j && !printable ? new Error(t('journeys.print.unknown')) : null;
  return (
    <PrintFrame
      backTo={`/journeys/${id}`}
      backLabel={t('journeys.print.back')}
      printLabel={t('journeys.print.printNow')}
      size="a4"
      sheetKey={`${kind}|${code}|${query.dataUpdatedAt}`}
      loading={query.isLoading}
      error={query.isError ? query.error : unknown}
    >
      {j && printable ? (
        <Sheet
          journey={j}
          kind={printable.kind}
          code={printable.code}
          stageKey={printable.stage}
          en={en}
          label={label}
          value={value}
        />
      ) : null}
    </PrintFrame>
  );
}

function Sheet(props: {
  journey: JourneyDetail;
  kind: PrintableKind;
  code: string;
  stageKey: string;
  en: boolean;
  label: ReturnType<typeof useJourneyLabels>['label'];
  value: ReturnType<typeof useJourneyLabels>['value'];
}) {
  const { journey: j, kind, code, stageKey, en, label, value } = props;
  const { t } = useTranslation();
  const stage = j.template.stages.find((s) => s.key === stageKey)!;
  const visit = [...j.history].reverse().find((h) => h.stage === stageKey);
  const onFile = (kind === 'form' ? j.forms : j.documents).includes(code);
  const stageFields = stage.fields ?? [];
  const otherFields = Object.keys(j.fields).filter((f) => !stageFields.includes(f));
  const handRows = FORM_ROWS[code] ?? GENERAL_ROWS;
  const reference = j.id.slice(0, 8).toUpperCase();
  const blank = <span className="jr-blank" />;
  return (
    <div className="wo-sheet a4" data-testid="journey-print-sheet">
      <style>{SHEET_CSS}</style>
      <div className="wo-head">
        <div>
          <div className="company" data-testid="print-company">
            {j.unitName}
          </div>
          <h1 data-testid="print-title">{label(kind, code)}</h1>
          <div className="wo-meta">
            {t('journeys.print.reference')}：<b>{reference}</b>
            {' · '}
            {en ? j.templateNameEn : j.templateNameZh} v{j.templateVersion}
          </div>
          <div className="wo-meta">
            {t('journeys.print.printedAt')}：{dayjs().format('YYYY-MM-DD HH:mm')}
          </div>
        </div>
        <div className="jr-status">{onFile ? t('journeys.print.onFile') : t('journeys.print.notOnFile')}</div>
      </div>
      <table className="wo-grid">
        <tbody>
          <PrintPair
            a={[t('journeys.customer'), <span data-testid="print-customer">{j.customerName ?? ''}</span>]}
            b={[t('journeys.unit'), j.unitName]}
          />
          <PrintPair
            a={[t('journeys.print.stage'), en ? stage.nameEn : stage.nameZh]}
            b={[t('journeys.role'), label('role', stage.role)]}
          />
          <PrintPair
            a={[t('journeys.entered'), visit ? formatTime(visit.enteredAt) : blank]}
            b={[t('journeys.due'), visit?.dueAt ? formatTime(visit.dueAt) : '—']}
          />
          <PrintRow label={t('journeys.print.linked')}>
            {j.links.map((l) => `${t(`journeys.links.${l.subjectType}`)} ${l.number ?? ''}`).join('、') ||
              '—'}
          </PrintRow>
        </tbody>
      </table>
      {(stageFields.length > 0 || otherFields.length > 0) && (
        <>
          <div className="wo-section">{t('journeys.print.recorded')}</div>
          <table className="wo-grid">
            <tbody>
              {[...stageFields, ...otherFields].map((f) => (
                <PrintRow key={f} label={label('field', f)}>
                  <span data-testid={`print-field-${f}`}>
                    {j.fields[f] === undefined || j.fields[f] === null || j.fields[f] === ''
                      ? blank
                      : value(f, j.fields[f])}
                  </span>
                </PrintRow>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="wo-section">{t('journeys.print.filledByHand')}</div>
      <table className="wo-grid">
        <tbody>
          {handRows.map((r) => (
            <PrintRow key={r} label={t(`journeys.print.row.${r}`)}>
              {TICK_ROWS.has(r) ? (
                <span className="jr-ticks">{t(`journeys.print.ticks.${r}`)}</span>
              ) : (
                <div className="jr-lines" />
              )}
            </PrintRow>
          ))}
        </tbody>
      </table>
      <div className="wo-signs">
        <SignatureBox label={t('journeys.print.sign.handler', { role: label('role', stage.role) })} />
        <SignatureBox label={t('journeys.print.sign.customer')} />
        <SignatureBox label={t('journeys.print.sign.supervisor')} />
      </div>
      <div className="wo-foot">{t('journeys.print.foot', { company: j.unitName, reference })}</div>
    </div>
  );
}

/** The journey sheets' own pieces beside the shared print layout: ruled blank lines, the on-file mark. */
const SHEET_CSS = `
.jr-blank { display: inline-block; min-width: 60mm; border-bottom: 1px solid #000; height: 1.2em; }
.jr-lines { height: 16mm; background: repeating-linear-gradient(to bottom, transparent 0, transparent 7.4mm,
  #999 7.4mm, #999 7.6mm); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.jr-ticks { letter-spacing: 1px; }
.jr-status { border: 1px solid #000; padding: 2px 8px; font-size: 9pt; white-space: nowrap; }
`;
