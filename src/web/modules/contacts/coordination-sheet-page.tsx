import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { get } from '../../api/client';
import { PrintFrame } from '../../components/print/print-frame';
import { QrImage, absoluteUrl } from '../../components/print/qr-image';
import { PrintPair as Pair, PrintRow as Row, SignatureBox } from '../../components/print/sheet-parts';
import { CONTACTS_KEY, type CoordinationSheet } from './contact-types';

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** The A4 coordination sheet (协调单): the letter, what the department is asked to do, by when, and signatures. */
export function CoordinationSheetPaper({ sheet }: { sheet: CoordinationSheet }) {
  const { t } = useTranslation();
  return (
    <div className="wo-sheet a4" data-testid="coordination-sheet">
      <style>{'.wo-note { font-size: 8.5pt; color: #555; }'}</style>
      <div className="wo-head">
        <div>
          <div className="company">{sheet.unit.name}</div>
          <h1>{t('letters.print.title')}</h1>
          <div className="wo-meta">
            {t('letters.print.number')}：<b data-testid="sheet-number">{sheet.number}</b> ·{' '}
            {t('letters.print.issuedAt')}：{time(sheet.issuedAt)}
          </div>
          <div className="wo-meta">
            {t('letters.print.printedAt')}：{time(sheet.generatedAt)}
          </div>
        </div>
        <div className="wo-qr">
          <QrImage text={absoluteUrl(sheet.shortUrl)} size={88} testId="print-qr" />
          <div>{t('letters.print.scan')}</div>
        </div>
      </div>
      <table className="wo-grid">
        <tbody>
          <Pair
            a={[t('letters.print.category'), t(`contacts.letterCategories.${sheet.letter.category}`)]}
            b={[t('letters.print.receivedOn'), sheet.letter.receivedOn ?? '']}
          />
          <Pair
            a={[t('letters.print.sender'), sheet.letter.sender ?? '']}
            b={[t('letters.print.phone'), sheet.customer.phone ?? '']}
          />
          <Pair
            a={[t('letters.print.customer'), sheet.customer.name ?? '']}
            b={[t('letters.print.unit'), sheet.unit.name]}
          />
          <Row label={t('letters.print.address')}>{sheet.customer.address ?? ''}</Row>
          <Row label={t('letters.print.content')}>
            <div className="wo-multiline" style={{ minHeight: '6em' }}>
              {sheet.letter.content}
            </div>
          </Row>
          <Pair
            a={[t('letters.print.responsible'), <b key="r">{sheet.responsibleUnit.name}</b>]}
            b={[
              t('letters.print.due'),
              <b key="d">{t('letters.print.dueValue', { time: time(sheet.dueAt) })}</b>,
            ]}
          />
          <Row label={t('letters.print.request')}>
            <div className="wo-multiline">{sheet.requestedHandling}</div>
          </Row>
          <Row label={t('letters.print.handling')}>
            <div className="wo-note">{t('letters.print.handlingNote')}</div>
            <div className="wo-multiline" style={{ minHeight: '10em' }} />
          </Row>
          <Row label={t('letters.print.review')}>
            <div className="wo-note">{t('letters.print.reviewNote')}</div>
            <div className="wo-multiline" style={{ minHeight: '4em' }} />
          </Row>
        </tbody>
      </table>
      <div className="wo-signs">
        <SignatureBox label={t('letters.print.deptReceive')} dateLabel={t('letters.print.date')} />
        <SignatureBox label={t('letters.print.deptHead')} dateLabel={t('letters.print.date')} />
        <SignatureBox
          label={t('letters.print.centre')}
          name={sheet.issuedBy?.name}
          at={sheet.issuedAt}
          dateLabel={t('letters.print.date')}
        />
      </div>
      <div className="wo-foot">{t('letters.print.foot')}</div>
    </div>
  );
}

/** 打印协调单 (IN-8): the sheet as issued; every print of it is the same sheet with the same number. */
export function CoordinationSheetPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: [CONTACTS_KEY, 'coordination-sheet', id],
    queryFn: ({ signal }) =>
      get<CoordinationSheet>(`/api/v1/contacts/${id}/coordination-sheet`, undefined, signal),
  });
  return (
    <PrintFrame
      backTo="/contacts?tab=letters"
      backLabel={t('letters.print.back')}
      printLabel={t('letters.print.printNow')}
      size="a4"
      sheetKey={`sheet|${query.dataUpdatedAt}`}
      loading={query.isLoading}
      error={query.isError ? query.error : null}
    >
      {query.data ? <CoordinationSheetPaper sheet={query.data} /> : null}
    </PrintFrame>
  );
}
