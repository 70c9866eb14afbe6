import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The absolute address of a path in this Kefu, for QR codes and links printed on paper. */
export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * A QR code as an <img> (REP-9), so it prints like any picture. Error correction M survives a
 * crumpled receipt; the quiet zone is kept small because the form draws its own border.
 */
export function QrImage({ text, size, testId }: { text: string; size: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: size * 2 })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [text, size]);
  if (!src) return <div style={{ width: size, height: size }} />;
  return <img src={src} width={size} height={size} alt={text} data-testid={testId} />;
}
