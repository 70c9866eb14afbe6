import { Segmented } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { get } from '../../api/client';
import { PrintFrame } from '../../components/print/print-frame';
import { PrintSheet } from './print-forms';
import type { PaperSize } from '../../components/print/print-css';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import type { PrintData, PrintForm } from '../../../shared/workorders';

const FORMS: PrintForm[] = ['work_order', 'feedback', 'receipt'];

/**
 * 打印 (REP-9): the chosen form at A4 or 80 mm, printed from the browser. The receipt's paper is
 * as long as its content, so the page size is measured from the sheet rather than guessed.
 */
export function PrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const form = (FORMS as string[]).includes(params.get('form') ?? '')
    ? (params.get('form') as PrintForm)
    : 'work_order';
  const size: PaperSize = params.get('size') === 'narrow' ? 'narrow' : 'a4';

  const query = useQuery({
    queryKey: [WORKORDERS_KEY, 'print', id, form],
    queryFn: ({ signal }) => get<PrintData>(`${WORKORDERS}/${id}/print`, { form }, signal),
  });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    next.delete('autoprint');
    setParams(next, { replace: true });
  };

  return (
    <PrintFrame
      backTo={`/workorders/${id}`}
      backLabel={t('workOrders.tech.back')}
      printLabel={t('workOrders.print.printNow')}
      size={size}
      sheetKey={`${form}|${size}|${query.dataUpdatedAt}`}
      loading={query.isLoading}
      error={query.isError ? query.error : null}
      controls={
        <>
          <Segmented<PrintForm>
            value={form}
            onChange={(v) => set('form', v)}
            options={FORMS.map((f) => ({ value: f, label: t(`workOrders.print.${f}`) }))}
          />
          <Segmented<PaperSize>
            value={size}
            onChange={(v) => set('size', v)}
            options={[
              { value: 'a4', label: t('workOrders.print.a4') },
              { value: 'narrow', label: t('workOrders.print.narrow') },
            ]}
          />
        </>
      }
    >
      {query.data ? <PrintSheet data={query.data} size={size} /> : null}
    </PrintFrame>
  );
}
