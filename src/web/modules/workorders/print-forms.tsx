import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatYuan } from './money';
import { QrImage, absoluteUrl } from '../../components/print/qr-image';
import type { PaperSize } from '../../components/print/print-css';
import { PrintPair, SignatureBox } from '../../components/print/sheet-parts';
import { ratedAspects } from './acceptance-form';
import { attachmentUrl } from './workorders-paths';
import type { Acceptance, PrintData, PrintForm, WorkOrder } from '../../../shared/workorders';

const time = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
const windowText = (wo: WorkOrder) =>
  wo.appointment
    ? `${dayjs(wo.appointment.start).format('YYYY-MM-DD HH:mm')}–${dayjs(wo.appointment.end).format('HH:mm')}`
    : '';

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
  return <PrintPair a={a} b={b} />;
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
    <SignatureBox label={label} name={name} at={at} dateLabel={t('workOrders.print.date')}>
      {imageId ? (
        <img src={attachmentUrl(imageId)} alt={t('workOrders.signature.image')} data-testid={testId} />
      ) : undefined}
    </SignatureBox>
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

/**
 * SAT-1 on paper: the items to accept against the order (合格 / 有问题) and the template's aspects —
 * filled in once signed, blank boxes and stars on a form printed before the visit.
 */
function AcceptanceRows({
  acceptance,
  form,
  narrow,
}: {
  acceptance: Acceptance | null;
  form: WorkOrder['acceptanceForm'];
  narrow: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const aspects = acceptance
    ? ratedAspects(acceptance)
    : form.aspects.map((a) => ({ key: a.key, label: a.label, score: null }));
  const items = acceptance ? acceptance.items : form.items.map((i) => ({ ...i, result: null, note: '' }));
  const ratings = aspects.map((a) => (
    <span
      key={a.key}
      style={{ display: 'inline-block', marginRight: 12 }}
      data-testid={`print-aspect-${a.key}`}
    >
      {zh ? a.label.zh : a.label.en} <Stars score={a.score ?? 0} />
    </span>
  ));
  const mark = (on: boolean) => (on ? '☑' : '☐');
  return (
    <>
      {items.map((item, i) => (
        <Row key={item.key} label={i === 0 ? t('workOrders.acceptanceItems.title') : ''} span={!narrow}>
          <span data-testid="print-acceptance-item">
            {item.name} × {item.quantity} {mark(item.result === 'accepted')}
            {t('workOrders.acceptanceItems.accepted')} {mark(item.result === 'problem')}
            {t('workOrders.acceptanceItems.problem')}
            {item.note ? `：${item.note}` : ''}
          </span>
        </Row>
      ))}
      <Row label={t('workOrders.print.ratings')} span={!narrow}>
        {ratings}
      </Row>
      <Row label={t('workOrders.tech.comment')} span={!narrow}>
        {acceptance?.comment ?? ''}
      </Row>
    </>
  );
}

function FeedbackForm({ data, narrow }: { data: PrintData; narrow: boolean }) {
  const { t } = useTranslation();
  const wo = data.workOrder;
  const acceptance = wo.returnAcceptance ?? wo.acceptance;
  const quote = wo.quote;
  const lines = quote?.lines ?? [];
  // Only a charged order (class A) is paid for; contract, free and internal work costs the customer nothing.
  const free = lines.length === 0 && wo.serviceClass !== null && wo.serviceClass !== 'A';
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
          <Row label={t('workOrders.diagnosis.title')} span>
            <span data-testid="print-diagnosis">
              {wo.diagnosis
                ? `${t(`workOrders.finding.${wo.diagnosis.finding}`)}${wo.diagnosis.note ? `：${wo.diagnosis.note}` : ''}`
                : ''}
            </span>
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
      <div className="wo-section">{t('workOrders.print.charge')}</div>
      <table className="wo-grid" data-testid="print-charges">
        {lines.length > 0 && (
          <thead>
            <tr>
              <th>{t('workOrders.charges.item')}</th>
              <th>{t('workOrders.charges.quantity')}</th>
              {!narrow && <th>{t('workOrders.detail.unitPrice')}</th>}
              <th>{t('workOrders.print.amount')}</th>
            </tr>
          </thead>
        )}
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.name}
                {!narrow && ` (${t(`workOrders.charges.${l.kind}`)})`}
              </td>
              <td>{l.quantity}</td>
              {!narrow && <td>{formatYuan(l.unitPriceFen)}</td>}
              <td>{formatYuan(l.totalFen)}</td>
            </tr>
          ))}
          {quote && lines.length > 0 ? (
            <tr>
              <td colSpan={narrow ? 2 : 3}>{t('workOrders.print.total')}</td>
              <td data-testid="print-charges-total">{formatYuan(quote.totalFen)}</td>
            </tr>
          ) : (
            <tr>
              <td colSpan={narrow ? 3 : 4} data-testid="print-charges-total">
                {free ? t('workOrders.print.noCharge') : t('workOrders.print.chargesPending')}
              </td>
            </tr>
          )}
          {wo.payment && (
            <tr>
              <td colSpan={narrow ? 3 : 4}>
                {t(
                  wo.payment.method === 'on_site'
                    ? 'workOrders.detail.paymentOnSite'
                    : 'workOrders.detail.paymentInvoice',
                )}{' '}
                {formatYuan(wo.payment.amountFen)}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="wo-section">{t('workOrders.detail.acceptance')}</div>
      <table className="wo-grid">
        <tbody>
          <AcceptanceRows acceptance={acceptance} form={wo.acceptanceForm} narrow={narrow} />
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
