import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { get } from '../../api/client';
import { stageName } from '../approvals/approvals-page';
import { formatYuan } from '../workorders/money';
import { PrintFrame } from '../../components/print/print-frame';
import { PrintPair as Pair, SignatureBox } from '../../components/print/sheet-parts';
import { RETURNS_KEY, type ReturnRequestView } from './returns-api';

const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

/** 取消订单申请单 / 退换货申请单 / 网店退换货申请单 (RET-2, RET-8, RET-9) on A4, with the decision's sentence and every signature. */
function ReturnPaper({ r }: { r: ReturnRequestView }) {
  const { t, i18n } = useTranslation();
  const line = r.order.lines.find((l) => l.id === r.orderLineId)!;
  const handedOver = r.order.deliveredAt ?? r.order.pickedUpAt;
  // RET-9: an online shop's return or exchange, whose disputes are settled on purchasing's vouchers.
  const online = r.order.channel === 'online' && r.kind !== 'cancel';
  const signedSteps = (r.approval?.steps ?? []).filter(
    (s) => s.round === r.approval?.round && s.decision === 'approved',
  );
  return (
    <div className="wo-sheet a4" data-testid="return-form">
      <div className="wo-head">
        <div>
          <div className="company">{r.unitName}</div>
          <h1>
            {r.kind === 'cancel'
              ? t('returns.print.cancelTitle')
              : online
                ? t('returns.print.onlineTitle')
                : t('returns.print.returnTitle')}
          </h1>
          <div className="wo-meta">
            {t('returns.print.date')}：{time(r.requestedAt)} · {t(`returns.state.${r.state}`)}
          </div>
        </div>
      </div>
      <table className="wo-grid">
        <tbody>
          <Pair
            a={[t('returns.print.orderNo'), r.order.orderNo]}
            b={[t('returns.print.customer'), `${r.order.customerName ?? ''} ${r.order.customerPhone ?? ''}`]}
          />
          <Pair
            a={[t('returns.print.product'), `${line.product} ${line.model ?? ''}`]}
            b={[
              t('returns.print.price'),
              `${formatYuan(line.priceFen)}（${t('returns.wizard.paid')} ${formatYuan(line.paidFen)}）`,
            ]}
          />
          <Pair
            a={[t('returns.print.orderedAt'), time(r.order.orderedAt)]}
            b={[t('returns.print.handedOver'), time(handedOver)]}
          />
          <Pair
            a={[t('returns.wizard.kindLabel'), t(`returns.kind.${r.kind}`)]}
            b={[t('returns.wizard.reasonLabel'), t(`returns.reason.${r.reason}`)]}
          />
          <tr>
            <th>{t('returns.detail.reasonDetail')}</th>
            <td colSpan={3}>
              {r.reasonDetail}
              {r.solutionOffered ? `（${t('returns.detail.solutionOffered')}：${r.solutionOffered}）` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('returns.detail.decision')}</th>
            <td colSpan={3} data-testid="form-sentence">
              {i18n.language.startsWith('zh') ? r.decision.explanation.zh : r.decision.explanation.en}
              <br />
              {t('returns.detail.policyVersion')}：{r.decision.policyVersion}
            </td>
          </tr>
          <Pair
            a={[t('returns.detail.fee'), formatYuan(r.decision.feeFen)]}
            b={[t('returns.detail.refund'), formatYuan(r.refundFen)]}
          />
          <tr>
            <th>{t('returns.detail.documents')}</th>
            <td colSpan={3}>
              {r.requiredDocuments
                .map((d) => `${r.documents.includes(d) ? '☑' : '☐'} ${t(`returns.document.${d}`)}`)
                .join('　')}
            </td>
          </tr>
          {online && (
            <tr>
              <th>{t('returns.print.dispute')}</th>
              <td colSpan={3} data-testid="form-dispute">
                {t('returns.print.disputeRule')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="wo-signs">
        <SignatureBox label={t('returns.print.filledBy')} at={r.createdAt}>
          <div>{r.createdByName}</div>
        </SignatureBox>
        <SignatureBox label={t('returns.print.customerSign')} at={r.signature.at}>
          {r.signature.attachmentId ? (
            <img alt="" src={`/api/v1/returns/${r.id}/signature`} style={{ maxHeight: 60 }} />
          ) : (
            <div>{r.signature.onPaper ? t('returns.print.signedOnPaper') : ''}</div>
          )}
        </SignatureBox>
        {(r.approval?.stages ?? []).map((s) => {
          const step = signedSteps.find((x) => x.stage === s.key);
          return (
            <SignatureBox
              key={s.key}
              label={stageName(s.key, i18n.language)}
              name={step ? step.byName + (step.onBehalfOfName ? `（代 ${step.onBehalfOfName}）` : '') : ''}
              at={step?.at ?? null}
            />
          );
        })}
      </div>
      <div className="wo-foot">{t('returns.print.foot')}</div>
    </div>
  );
}

export function ReturnPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: [RETURNS_KEY, id],
    queryFn: ({ signal }) => get<ReturnRequestView>(`/api/v1/returns/${id}`, undefined, signal),
  });
  return (
    <PrintFrame
      backTo={`/returns/${id}`}
      backLabel={t('returns.print.back')}
      printLabel={t('returns.print.printNow')}
      size="a4"
      sheetKey={`return|${query.dataUpdatedAt}`}
      loading={query.isLoading}
      error={query.isError ? query.error : null}
    >
      {query.data ? <ReturnPaper r={query.data} /> : null}
    </PrintFrame>
  );
}
