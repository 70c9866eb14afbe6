import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Flex, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { localizedMessage } from '../../api/client';
import { PRINT_CSS, type PaperSize } from './print-css';

const PX_PER_MM = 96 / 25.4;

/** Resolves once every picture on the sheet (QR, signatures) has loaded, so nothing prints blank. */
async function imagesReady(root: HTMLElement): Promise<void> {
  await Promise.all(
    [...root.querySelectorAll('img')].map((img) =>
      img.complete ? Promise.resolve() : img.decode().catch(() => undefined),
    ),
  );
}

interface Props {
  /** Where the back button goes. */
  backTo: string;
  backLabel: string;
  printLabel: string;
  size: PaperSize;
  /** Changes whenever the sheet's content does (form, size, data version): readiness is per key. */
  sheetKey: string;
  loading: boolean;
  error: unknown;
  /** Extra controls in the toolbar (form and paper pickers). */
  controls?: ReactNode;
  /** The sheet; null while loading. */
  children: ReactNode;
}

/**
 * The print machinery every paper form shares (REP-9 work orders, IN-8 coordination sheets): a
 * toolbar that never prints, A4 or receipt-length @page, a ready flag once the sheet's pictures
 * have loaded (tests and ?autoprint=1 wait for it), then the browser's own print.
 */
export function PrintFrame(props: Props) {
  const { backTo, backLabel, printLabel, size, sheetKey, loading, error, controls, children } = props;
  const [params] = useSearchParams();
  const sheetRef = useRef<HTMLDivElement>(null);
  const pageStyleRef = useRef<HTMLStyleElement>(null);
  const [readyKey, setReadyKey] = useState('');
  const hasSheet = !loading && !error && children !== null;
  const ready = hasSheet && readyKey === sheetKey;

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
    if (!hasSheet) return;
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
  }, [hasSheet, sheetKey]);

  useEffect(() => {
    if (ready && params.get('autoprint') === '1') window.print();
  }, [ready, params]);

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
        <Link to={backTo}>
          <Button icon={<ArrowLeftOutlined />}>{backLabel}</Button>
        </Link>
        {controls}
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!ready}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {printLabel}
        </Button>
      </Flex>
      {loading && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      )}
      {!!error && (
        <Alert
          className="no-print"
          type="error"
          showIcon
          title={localizedMessage(error)}
          style={{ maxWidth: 600, margin: '24px auto' }}
        />
      )}
      <div ref={sheetRef} data-ready={ready ? 'true' : 'false'} data-testid="print-root">
        {children}
      </div>
    </div>
  );
}
