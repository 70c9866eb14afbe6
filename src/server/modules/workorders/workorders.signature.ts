/**
 * Signatures drawn on the technician's phone (REP-5, REP-6): posted as a PNG data URL, checked by
 * content — a real PNG whose pixels are not all the same (an untouched canvas is refused) — and
 * kept as an attachment of the work order, so the detail page and the printed form show it.
 */
import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { detectContentType, insertAttachment } from '../attachments/attachments.service';
import { workOrderErrors } from './workorders.errors';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIGNATURE_BYTES = 512 * 1024;
/** Channels per pixel for 8-bit colour types 0 (grey), 2 (RGB), 4 (grey+alpha), 6 (RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** The PNG bytes of a `data:image/png;base64,…` URL, or a 422 when it is not one. */
export function pngFromDataUrl(dataUrl: string): Buffer {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl.trim());
  if (!match) throw workOrderErrors.signatureInvalid({ problem: 'not_a_png_data_url' });
  const bytes = Buffer.from(match[1]!, 'base64');
  if (bytes.length > MAX_SIGNATURE_BYTES) throw workOrderErrors.signatureInvalid({ problem: 'too_large' });
  if (bytes.length < 45 || !bytes.subarray(0, 8).equals(PNG_MAGIC))
    throw workOrderErrors.signatureInvalid({ problem: 'not_a_png' });
  return bytes;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * True when every pixel of the image is the same (an empty canvas, transparent or white). Only
 * 8-bit non-interlaced images are decoded — what a browser canvas produces; others count as drawn.
 */
export function isBlankPng(png: Buffer): boolean {
  let offset = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colourType = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8]!;
      colourType = data[9]!;
      interlace = data[12]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = CHANNELS[colourType];
  if (!channels || bitDepth !== 8 || interlace !== 0 || width === 0 || height === 0) return false;
  if (width * height > 4_000_000) return false;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    throw workOrderErrors.signatureInvalid({ problem: 'corrupt_png' });
  }
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw workOrderErrors.signatureInvalid({ problem: 'corrupt_png' });
  let previous = Buffer.alloc(stride);
  const first: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = previous[x]!;
      const c = x >= channels ? previous[x - channels]! : 0;
      const add =
        filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      line[x] = (line[x]! + add) & 0xff;
    }
    for (let x = 0; x < stride; x += channels) {
      // Fully transparent pixels are blank whatever colour they carry.
      const transparent = (channels === 4 || channels === 2) && line[x + channels - 1] === 0;
      const pixel = transparent ? [-1] : [...line.subarray(x, x + channels)];
      if (first.length === 0) first.push(...pixel);
      else if (pixel.length !== first.length || pixel.some((v, i) => v !== first[i])) return false;
    }
    previous = line;
  }
  return true;
}

/** Checks a signature and stores it as an attachment of the work order, in the caller's transaction. */
export async function storeSignature(
  deps: Deps,
  tx: Db,
  input: { workOrderId: string; unitId: string; dataUrl: string; fileName: string; uploadedBy: string },
): Promise<{ attachmentId: string; cleanup: () => Promise<void> }> {
  const png = pngFromDataUrl(input.dataUrl);
  if ((await detectContentType(png)) !== 'image/png')
    throw workOrderErrors.signatureInvalid({ problem: 'not_a_png' });
  if (isBlankPng(png)) throw workOrderErrors.signatureInvalid({ problem: 'blank' });
  const id = randomUUID();
  const stored = await deps.storage.put(`attachments/${id}`, png, {
    contentType: 'image/png',
    size: png.length,
  });
  await insertAttachment(tx, {
    id,
    subjectType: 'work_order',
    subjectId: input.workOrderId,
    unitId: input.unitId,
    fileName: input.fileName,
    contentType: 'image/png',
    size: stored.size,
    sha256: stored.sha256,
    storageKey: stored.key,
    uploadedBy: input.uploadedBy,
    uploadedAt: deps.clock.now(),
  });
  return {
    attachmentId: id,
    cleanup: () =>
      deps.storage.delete(stored.key).catch((err: unknown) => {
        deps.logger.error({ err, key: stored.key }, 'stored signature of a failed action not removed');
      }),
  };
}
