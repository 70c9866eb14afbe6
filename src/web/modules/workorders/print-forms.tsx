import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatYuan } from './money';
import { QrImage, absoluteUrl } from './qr-image';
import { RATING_ASPECTS } from '../../../shared/workorders';
import { attachmentUrl } from './workorders-paths';
import type { Acceptance, PrintData, PrintForm, WorkOrder } from '../../../shared/workorders';

export type PaperSize = 'a4' | 'narrow';

const time = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
const windowText = (wo: WorkOrder) =>
  wo.appointment
    ? `${dayjs(wo.appointment.start).format('YYYY-MM-DD HH:mm')}–${dayjs(wo.appointment.end).format('HH:mm')}`
    : '';

/**
 * Paper layouts of REP-9: A4 sheets with ruled boxes, and an 80 mm receipt where the same facts run
 * down one column. Plain HTML and CSS (no antd) so what the browser prints is what is drawn here.
 */
export const PRINT_CSS = `
.wo-sheet { background: #fff; color: #000; margin: 16px auto; box-shadow: 0 2px 12px rgba(0,0,0,.15);
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  box-sizing: border-box; line-height: 1.5; }
.wo-sheet.a4 { width: 210mm; min-height: 297mm; padding: 14mm 14mm 12mm; font-size: 10.5pt; }
.wo-sheet.narrow { width: 80mm; padding: 4mm 3.5mm 6mm; font-size: 9pt; }
.wo-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
.wo-head h1 { margin: 0; font-size: 18pt; letter-spacing: 4px; }
.wo-head .company { font-size: 11pt; font-weight: 600; }
.narrow .wo-head { flex-direction: column; align-items: center; text-align: center; }
.narrow .wo-head h1 { font-size: 13pt; letter-spacing: 2px; }
.narrow .wo-head .company { font-size: 10pt; }
.wo-meta { font-size: 9pt; color: #333; }
.wo-grid { width: 100%; border-collapse: collapse; margin-top: 8px; table-layout: fixed; }
.wo-grid th, .wo-grid td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left;
  word-break: break-all; }
.wo-grid th { background: #f2f2f2; font-weight: 600; width: 16%; white-space: nowrap; }
.wo-grid thead th { text-align: center; width: auto; }
.narrow .wo-grid th, .narrow .wo-grid td { border: none; border-bottom: 1px dashed #888; padding: 2px 4px 2px 0; }
.narrow .wo-grid th { background: none; width: 30%; white-space: normal; }
.wo-section { margin-top: 10px; font-weight: 600; font-size: 11pt; border-left: 4px solid #000; padding-left: 6px; }
.narrow .wo-section { font-size: 9.5pt; border-left: none; border-top: 1px solid #000; padding: 3px 0 0; }
.wo-multiline { white-space: pre-wrap; min-height: 3em; }
.wo-signs { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin-top: 12px; }
.narrow .wo-signs { grid-template-columns: 1fr; gap: 4px; }
.wo-sign { border: 1px solid #000; padding: 4px 6px; min-height: 26mm; display: flex; flex-direction: column; }
.narrow .wo-sign { border: none; border-bottom: 1px solid #000; min-height: 14mm; padding: 2px 0; }
.wo-sign img { max-width: 100%; max-height: 22mm; object-fit: contain; align-self: flex-start; }
.narrow .wo-sign img { max-height: 18mm; }
.wo-sign .when { margin-top: auto; font-size: 8.5pt; color: #333; }
.wo-qr { text-align: center; font-size: 8pt; }
.narrow .wo-qr { margin-top: 6px; }
.wo-foot { margin-top: 10px; font-size: 8.5pt; color: #333; }
.wo-stars { letter-spacing: 1px; }
@media print {
  body, .wo-print-page { background: #fff !important; }
  .wo-print-page { padding: 0 !important; min-height: 0 !important; }
  .no-print { display: none !important; }
  .wo-sheet { margin: 0; box-shadow: none; }
  .wo-sheet.a4 { min-height: auto; }
}
`;

// On the receipt every table has two columns, so a row spanning the A4 grid's four must not span.
const NarrowSheet = createContext(false);

function Row({ label, children, span }: { label: string; children: ReactNode; span?: boolean }) {
  const narrow = useContext(NarrowSheet);
  return (
    <tr>
      <th>{label}</th>
      <td colSpan={span && !narrow ? 3 : 1}>{children}</td>
    </tr>
  );
}

/** Two label/value pairs on one A4 row; on the receipt every pair gets its own line. */
function Pair({ narrow, a, b }: { narrow: boolean; a: [string, ReactNode]; b: [string, ReactNode] }) {
  if (narrow)
    return (
      <>
        <Row label={a[0]}>{a[1]}</Row>
        <Row label={b[0]}>{b[1]}</Row>
      </>
    );
  return (
    <tr>
      <th>{a[0]}</th>
      <td>{a[1]}</td>
      <th>{b[0]}</th>
      <td>{b[1]}</td>
    </tr>
  );
}

function Stars({ score }: { score: number }) {
  return (
    <span className="wo-stars">
      {'★'.repeat(score)}
      {'☆'.repeat(Math.max(0, 5 - score))}
    </span>
  );
}

function SignBox({
  label,
  imageId,
  name,
  at,
  testId,
}: {
  label: string;
  imageId?: string | null;
  name?: string | null;
  at?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="wo-sign">
      <div>{label}：</div>
      {imageId ? (
        <img src={attachmentUrl(imageId)} alt={t('workOrders.signature.image')} data-testid={testId} />
      ) : (
        <div style={{ fontSize: '14pt', fontFamily: 'KaiTi, STKaiti, serif' }}>{name ?? ''}</div>
      )}
      <div className="when">
        {t('workOrders.print.date')}：{at ? time(at) : '　　　年　　月　　日'}
      </div>
    </div>
  );
}

function Header({ data, title, narrow }: { data: PrintData; title: string; narrow: boolean }) {
  const { t } = useTranslation();
  const url = absoluteUrl(data.shortUrl ?? `/workorders/${data.workOrder.id}`);
  const qr = (
    <div className="wo-qr">
      <QrImage text={url} size={narrow ? 96 : 88} testId="print-qr" />
      <div>{t('workOrders.print.scan')}</div>
    </div>
  );
  return (
    <div className="wo-head">
      <div>
        <div className="company" data-testid="print-company">
          {data.company.unitName}
        </div>
        <h1>{title}</h1>
        <div className="wo-meta">
          {t('workOrders.field.number')}：<b>{data.workOrder.number}</b>
          {data.company.unitPhone && (
            <span data-testid="print-company-phone">
              {' · '}
              {t('workOrders.print.tel', { phone: data.company.unitPhone })}
            </span>
          )}
        </div>
        {data.company.address && (
          <div className="wo-meta" data-testid="print-company-address">
            {t('workOrders.print.address', { address: data.company.address })}
          </div>
        )}
        <div className="wo-meta">
          {t('workOrders.print.printedAt')}：{time(data.generatedAt)}
        </div>
      </div>
      {!narrow && qr}
    </div>
  );
}

function CustomerRows({ wo, narrow }: { wo: WorkOrder; narrow: boolean }) {
  const { t } = useTranslation();
  const asset = wo.asset;
  return (
    <>
      <Pair
        narrow={narrow}
        a={[t('workOrders.field.type'), t(`workOrders.type.${wo.type}`)]}
        b={[
          t('workOrders.field.serviceClass'),
          wo.serviceClass ? t(`workOrders.serviceClass.${wo.serviceClass}`) : '',
        ]}
      />
      <Pair
        narrow={narrow}
        a={[t('workOrders.field.customer'), wo.customer?.name ?? wo.contactName ?? '']}
        b={[t('workOrders.field.phone'), wo.contactPhone ?? wo.customer?.phone ?? '']}
      />
      <Row label={t('workOrders.field.address')} span>
        {wo.address ?? wo.customer?.address ?? ''}
      </Row>
      <Pair
        narrow={narrow}
        a={[t('workOrders.field.asset'), asset ? `${asset.name}${asset.model ? ` ${asset.model}` : ''}` : '']}
        b={[t('workOrders.field.serial'), asset?.number ?? '']}
      />
      <Pair
        narrow={narrow}
        a={[t('workOrders.field.purchaseDate'), asset?.purchaseDate ?? '']}
        b={[t('workOrders.field.warrantyEnd'), asset?.warrantyEnd ?? '']}
      />
    </>
  );
}

function WorkOrderForm({ data, narrow }: { data: PrintData; narrow: boolean }) {
  const { t } = useTranslation();
  const wo = data.workOrder;
  return (
    <>
      <table className="wo-grid">
        <tbody>
          <CustomerRows wo={wo} narrow={narrow} />
          <Row label={t('workOrders.field.problem')} span>
            <div className="wo-multiline">{wo.problem}</div>
          </Row>
          <Pair
            narrow={narrow}
            a={[t('workOrders.field.appointment'), windowText(wo)]}
            b={[t('workOrders.field.technician'), wo.technician?.name ?? '']}
          />
          <Pair
            narrow={narrow}
            a={[t('workOrders.field.skill'), wo.requiredSkill ?? '']}
            b={[t('workOrders.field.area'), wo.area ?? '']}
          />
          <Row label={t('workOrders.field.partsNeeded')} span>
            {wo.partsNeeded.length
              ? wo.partsNeeded.map((p) => `${p.name} × ${p.quantity}`).join('；')
              : t('workOrders.common.none')}
          </Row>
          <Row label={t('workOrders.detail.workDone')} span>
            <div className="wo-multiline" style={{ minHeight: '5em' }} />
          </Row>
          {wo.ticket && (
            <Row label={t('workOrders.field.ticket')} span>
              {wo.ticket.number} {wo.ticket.subject}
            </Row>
          )}
        </tbody>
      </table>
      <div className="wo-signs">
        <SignBox label={t('workOrders.print.techSign')} />
        <SignBox label={t('workOrders.print.customerSign')} />
        <SignBox label={t('workOrders.print.supervisorSign')} />
      </div>
      <div className="wo-foot" data-testid="print-service-promise">
        {data.company.unitPhone
          ? t('workOrders.print.servicePromiseWithPhone', { phone: data.company.unitPhone })
          : t('workOrders.print.servicePromise')}
      </div>
    </>
  );
}

function AcceptanceRows({ acceptance, narrow }: { acceptance: Acceptance | null; narrow: boolean }) {
  const { t } = useTranslation();
  if (!acceptance) return null;
  const ratings = RATING_ASPECTS.map((a) => (
    <span key={a} style={{ display: 'inline-block', marginRight: 12 }}>
      {t(`workOrders.rating.${a}`)} <Stars score={acceptance.ratings[a] ?? 0} />
    </span>
  ));
  return (
    <>
      <Row label={t('workOrders.print.ratings')} span={!narrow}>
        {ratings}
      </Row>
      <Row label={t('workOrders.tech.comment')} span={!narrow}>
        {acceptance.comment ?? ''}
      </Row>
    </>
  );
}

function FeedbackForm({ data, narrow }: { data: PrintData; narrow: boolean }) {
  const { t } = useTranslation();
  const wo = data.workOrder;
  const acceptance = wo.returnAcceptance ?? wo.acceptance;
  const quote = wo.quote;
  return (
    <>
      <table className="wo-grid">
        <tbody>
          <CustomerRows wo={wo} narrow={narrow} />
          <Pair
            narrow={narrow}
            a={[t('workOrders.field.technician'), wo.technician?.name ?? '']}
            b={[t('workOrders.field.appointment'), windowText(wo)]}
          />
          <Row label={t('workOrders.field.problem')} span>
            {wo.problem}
          </Row>
          <Row label={t('workOrders.detail.workDone')} span>
            <div className="wo-multiline">{wo.visit?.workDone ?? ''}</div>
          </Row>
          <Pair
            narrow={narrow}
            a={[t('workOrders.detail.minutesSpent'), wo.visit ? String(wo.visit.minutesSpent) : '']}
            b={[t('workOrders.field.faultCause'), t(`workOrders.faultCause.${wo.faultCause}`)]}
          />
        </tbody>
      </table>
      <div className="wo-section">{t('workOrders.detail.parts')}</div>
      <table className="wo-grid">
        <thead>
          <tr>
            <th>{t('workOrders.create.partName')}</th>
            <th>{t('workOrders.detail.used')}</th>
            <th>{t('workOrders.detail.returned')}</th>
            {!narrow && <th>{t('workOrders.detail.unitPrice')}</th>}
          </tr>
        </thead>
        <tbody>
          {wo.parts.length === 0 && (
            <tr>
              <td colSpan={narrow ? 3 : 4}>{t('workOrders.common.none')}</td>
            </tr>
          )}
          {wo.parts.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.quantityUsed}</td>
              <td>{p.quantityReturned}</td>
              {!narrow && <td>{p.unitPriceFen === null ? '' : formatYuan(p.unitPriceFen)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {(quote || wo.payment) && (
        <table className="wo-grid">
          <tbody>
            <Row label={t('workOrders.print.charge')} span={!narrow}>
              {quote
                ? `${t('workOrders.quote.service')} ${formatYuan(quote.serviceFen)}，${t('workOrders.quote.parts')} ${formatYuan(quote.partsFen)}，${t('workOrders.print.total')} ${formatYuan(quote.totalFen)}`
                : ''}
              {wo.payment &&
                ` · ${t(wo.payment.method === 'on_site' ? 'workOrders.detail.paymentOnSite' : 'workOrders.detail.paymentInvoice')} ${formatYuan(wo.payment.amountFen)}`}
            </Row>
          </tbody>
        </table>
      )}
      <div className="wo-section">{t('workOrders.detail.acceptance')}</div>
      <table className="wo-grid">
        <tbody>
          <AcceptanceRows acceptance={acceptance} narrow={narrow} />
        </tbody>
      </table>
      <div className="wo-signs">
        <SignBox
          label={t('workOrders.print.customerSign')}
          imageId={acceptance?.signatureAttachmentId}
          name={acceptance?.signerName}
          at={acceptance?.signedAt}
          testId="print-signature"
        />
        <SignBox
          label={t('workOrders.print.techSign')}
          name={wo.technician?.name}
          at={wo.timestamps.completedAt ?? wo.timestamps.returnedAt}
        />
        <SignBox
          label={t('workOrders.print.supervisorSign')}
          name={wo.verification?.by.name}
          at={wo.verification?.at}
        />
      </div>
      <div className="wo-foot" data-testid="print-service-promise">
        {data.company.unitPhone
          ? t('workOrders.print.servicePromiseWithPhone', { phone: data.company.unitPhone })
          : t('workOrders.print.servicePromise')}
      </div>
    </>
  );
}

function ReceiptForm({ data, narrow }: { data: PrintData; narrow: boolean }) {
  const { t } = useTranslation();
  const wo = data.workOrder;
  const receipt = wo.receipt;
  if (!receipt) return <p>{t('workOrders.print.noReceipt')}</p>;
  return (
    <>
      <table className="wo-grid">
        <tbody>
          <Pair
            narrow={narrow}
            a={[t('workOrders.print.receiptNo'), <b key="n">{receipt.number}</b>]}
            b={[t('workOrders.print.date'), time(receipt.issuedAt)]}
          />
          <Pair
            narrow={narrow}
            a={[t('workOrders.field.customer'), wo.customer?.name ?? wo.contactName ?? '']}
            b={[t('workOrders.field.phone'), wo.contactPhone ?? wo.customer?.phone ?? '']}
          />
          <Row label={t('workOrders.field.address')} span>
            {wo.address ?? ''}
          </Row>
        </tbody>
      </table>
      <div className="wo-section">{t('workOrders.print.items')}</div>
      <table className="wo-grid">
        <thead>
          <tr>
            <th>{t('workOrders.tech.item')}</th>
            <th style={{ width: narrow ? '14%' : '10%' }}>{t('workOrders.create.quantity')}</th>
            <th>{t('workOrders.tech.condition')}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.items.map((item, i) => (
            <tr key={i}>
              <td>{item.name}</td>
              <td>{item.quantity}</td>
              <td>{item.condition}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {receipt.note && <div className="wo-foot">{receipt.note}</div>}
      <div className="wo-foot">{t('workOrders.print.receiptPromise')}</div>
      <div className="wo-signs">
        <SignBox
          label={t('workOrders.print.customerSign')}
          imageId={receipt.signatureAttachmentId}
          name={receipt.signerName}
          at={receipt.issuedAt}
          testId="print-receipt-signature"
        />
        <SignBox label={t('workOrders.print.techSign')} name={wo.technician?.name} at={receipt.issuedAt} />
      </div>
    </>
  );
}

const TITLES: Record<PrintForm, string> = {
  work_order: 'workOrders.print.work_order',
  feedback: 'workOrders.print.feedback',
  receipt: 'workOrders.print.receipt',
};

/** One printable sheet: header with the QR to the order, then the form's body. */
export function PrintSheet({ data, size }: { data: PrintData; size: PaperSize }) {
  const { t } = useTranslation();
  const narrow = size === 'narrow';
  const url = absoluteUrl(data.shortUrl ?? `/workorders/${data.workOrder.id}`);
  return (
    <NarrowSheet.Provider value={narrow}>
      <div className={`wo-sheet ${size}`} data-testid={`print-sheet-${data.form}`}>
        <Header data={data} title={t(TITLES[data.form])} narrow={narrow} />
        {data.form === 'work_order' && <WorkOrderForm data={data} narrow={narrow} />}
        {data.form === 'feedback' && <FeedbackForm data={data} narrow={narrow} />}
        {data.form === 'receipt' && <ReceiptForm data={data} narrow={narrow} />}
        {narrow && (
          <div className="wo-qr">
            <QrImage text={url} size={110} testId="print-qr" />
            <div>{t('workOrders.print.scan')}</div>
          </div>
        )}
      </div>
    </NarrowSheet.Provider>
  );
}
