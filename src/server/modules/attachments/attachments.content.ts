import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../../app/config';

/** The largest upload accepted, in bytes. */
export function maxAttachmentBytes(config: Config): number {
  return config.attachmentMaxMb * 1024 * 1024;
}

/** The file's type read from its leading bytes (magic numbers); a name or a client's claim counts for nothing. */
export async function detectContentType(bytes: Buffer): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}

const MAX_NAME_LENGTH = 200;

/**
 * The name to keep for an uploaded file: the last path segment (some browsers send a full Windows
 * path), without control characters, at most 200 characters, never empty.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const name = [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/**
 * A Content-Disposition header keeping a Chinese file name: an ASCII fallback for old clients and
 * the exact name as RFC 5987 `filename*=UTF-8''…`, which every current browser prefers.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
