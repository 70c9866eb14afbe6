import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Flex, Typography, theme } from 'antd';
import { ClearOutlined, UndoOutlined } from '@ant-design/icons';
import SignaturePad from 'signature_pad';
import { useTranslation } from 'react-i18next';

/** A few points are a tap or a slip of the finger, not a signature (the server checks too). */
export const MIN_SIGNATURE_POINTS = 12;

export interface SignatureValue {
  /** PNG as a data URL, white background, or null while nothing (enough) is drawn. */
  dataUrl: string | null;
  points: number;
}

/**
 * The customer signs on the screen (REP-5): finger, stylus or mouse through pointer events.
 * Strokes can be undone one at a time or cleared. The canvas keeps its drawing when the phone
 * rotates or the page resizes, and is drawn at the device's pixel ratio so the PNG is crisp on paper.
 */
export function SignatureField({
  onChange,
  height = 200,
  testId = 'signature-pad',
}: {
  onChange: (value: SignatureValue) => void;
  height?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  const [points, setPoints] = useState(0);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const report = useCallback(() => {
    const pad = padRef.current;
    if (!pad) return;
    const count = pad.toData().reduce((sum, group) => sum + group.points.length, 0);
    setPoints(count);
    onChangeRef.current({
      dataUrl: count >= MIN_SIGNATURE_POINTS && !pad.isEmpty() ? pad.toDataURL('image/png') : null,
      points: count,
    });
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, {
      backgroundColor: 'rgb(255,255,255)',
      penColor: '#1f1f1f',
      minWidth: 0.8,
      maxWidth: 2.6,
    });
    padRef.current = pad;
    pad.addEventListener('endStroke', report);

    // The canvas buffer must match its CSS size × pixel ratio, or strokes land off the finger.
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', report);
      pad.off();
      padRef.current = null;
    };
  }, [report]);

  const undo = () => {
    const pad = padRef.current;
    if (!pad) return;
    const data = pad.toData();
    data.pop();
    pad.clear();
    pad.fromData(data);
    report();
  };
  const clear = () => {
    padRef.current?.clear();
    report();
  };

  return (
    <div data-testid={testId}>
      <div
        style={{
          position: 'relative',
          border: `1px dashed ${token.colorBorder}`,
          borderRadius: token.borderRadius,
          background: '#fff',
        }}
      >
        <canvas
          ref={canvasRef}
          data-testid={`${testId}-canvas`}
          aria-label={t('workOrders.signature.canvasLabel')}
          // touch-action none: the finger draws instead of scrolling the page.
          style={{ display: 'block', width: '100%', height, touchAction: 'none', cursor: 'crosshair' }}
        />
        {points === 0 && (
          <Typography.Text
            type="secondary"
            style={{
              position: 'absolute',
              left: 0,
              right: 0,
              top: '45%',
              textAlign: 'center',
              pointerEvents: 'none',
            }}
          >
            {t('workOrders.signature.hint')}
          </Typography.Text>
        )}
        <div
          style={{
            position: 'absolute',
            left: 16,
            right: 16,
            bottom: 36,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            pointerEvents: 'none',
          }}
        />
      </div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
        <Typography.Text
          type={points > 0 && points < MIN_SIGNATURE_POINTS ? 'danger' : 'secondary'}
          style={{ fontSize: 12 }}
        >
          {points > 0 && points < MIN_SIGNATURE_POINTS
            ? t('workOrders.signature.tooShort')
            : t('workOrders.signature.legal')}
        </Typography.Text>
        <Flex gap={8}>
          <Button
            icon={<UndoOutlined />}
            onClick={undo}
            disabled={points === 0}
            data-testid={`${testId}-undo`}
          >
            {t('workOrders.signature.undo')}
          </Button>
          <Button
            icon={<ClearOutlined />}
            onClick={clear}
            disabled={points === 0}
            data-testid={`${testId}-clear`}
          >
            {t('workOrders.signature.clear')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
