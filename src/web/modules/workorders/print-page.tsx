import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Segmented, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { get, localizedMessage } from '../../api/client';
import { PRINT_CSS, PrintSheet } from './print-forms';
import type { PaperSize } from './print-forms';
import { WORKORDERS, WORKORDERS_KEY } from './workorder-types';
import type { PrintData, PrintForm } from './workorder-types';

const FORMS: PrintForm[] = ['work_order', 'feedback', 'receipt'];
const PX_PER_MM = 96 / 25.4;

/** Resolves once every picture on the sheet (QR, signatures) has loaded, so nothing prints blank. */
async function imagesReady(root: HTMLElement): Promise<void> {
  await Promise.all(
    [...root.querySelectorAll('img')].map((img) =>
      img.complete ? Promise.resolve() : img.decode().catch(() => undefined),
    ),
  );
}

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
  const sheetRef = useRef<HTMLDivElement>(null);
  const pageStyleRef = useRef<HTMLStyleElement>(null);
  const [readyKey, setReadyKey] = useState('');

  const query = useQuery({
    queryKey: [WORKORDERS_KEY, 'print', id, form],
    queryFn: ({ signal }) => get<PrintData>(`${WORKORDERS}/${id}/print`, { form }, signal),
  });
  const sheetKey = `${form}|${size}|${query.dataUpdatedAt}`;
  const ready = !!query.data && readyKey === sheetKey;

  // The receipt's paper is as long as the sheet; A4 is A4. Written straight into the <style>.
  useLayoutEffect(() => {
    const style = pageStyleRef.current;
    const sheet = sheetRef.current?.firstElementChild as HTMLElement | null;
    if (!style) return;
    style.textContent =
      size === 'narrow' && sheet
        ? `@page { size: 80mm ${Math.ceil(sheet.offsetHeight / PX_PER_MM) + 4}mm; margin: 0; }`
        : '@page { size: A4; margin: 0; }';
  });

  useEffect(() => {
    if (!query.data) return;
    let live = true;
    // The QR renders asynchronously; give it a moment to be in the DOM before checking images.
    const timer = window.setTimeout(() => {
      if (!sheetRef.current) return;
      void imagesReady(sheetRef.current).then(() => {
        if (live) setReadyKey(sheetKey);
      });
    }, 100);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query.data, sheetKey]);

  useEffect(() => {
    if (ready && params.get('autoprint') === '1') window.print();
  }, [ready, params]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    next.delete('autoprint');
    setParams(next, { replace: true });
  };

  return (
    <div className="wo-print-page" style={{ background: '#f0f2f5', minHeight: '100vh', paddingBottom: 24 }}>
      <style>{PRINT_CSS}</style>
      <style ref={pageStyleRef} />
      <Flex
        className="no-print"
        wrap
        gap={12}
        align="center"
        justify="center"
        style={{ padding: 12, background: '#fff', borderBottom: '1px solid #e5e5e5' }}
      >
        <Link to={`/workorders/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('workOrders.tech.back')}</Button>
        </Link>
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
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!ready}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {t('workOrders.print.printNow')}
        </Button>
      </Flex>
      {query.isLoading && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      )}
      {query.isError && (
        <Alert
          className="no-print"
          type="error"
          showIcon
          title={localizedMessage(query.error)}
          style={{ maxWidth: 600, margin: '24px auto' }}
        />
      )}
      <div ref={sheetRef} data-ready={ready ? 'true' : 'false'} data-testid="print-root">
        {query.data && <PrintSheet data={query.data} size={size} />}
      </div>
    </div>
  );
}
