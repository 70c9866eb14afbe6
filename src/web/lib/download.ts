import { buildQuery, type QueryValue } from '../api/client';
import { apiErrorFromResponse } from '../api/errors';

/**
 * Fetches a file (an Excel export) and saves it under `filename`. It is fetched rather than linked so
 * a refusal (400 reversed period, 404 unit, 413 too many rows) throws the server's error, shown as a
 * message, instead of a broken download. Answers the response, whose headers may say more (row count).
 */
export async function downloadFile(
  path: string,
  query: Record<string, QueryValue>,
  filename: string,
  /** Called as the file streams in: bytes so far, and the row count the server announced (x-export-rows). */
  onProgress?: (progress: { bytes: number; rows: number | null }) => void,
): Promise<Response> {
  const response = await fetch(`${path}${buildQuery(query)}`, { credentials: 'same-origin' });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the status alone says what happened
    }
    throw apiErrorFromResponse(response.status, body);
  }
  const url = URL.createObjectURL(await readBody(response, onProgress));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return response;
}

/** The body as a Blob, read chunk by chunk so a long export can show how far it has come. */
async function readBody(
  response: Response,
  onProgress?: (progress: { bytes: number; rows: number | null }) => void,
): Promise<Blob> {
  if (!onProgress || !response.body) return response.blob();
  const header = response.headers.get('x-export-rows');
  const rows = header === null ? null : Number(header);
  const reader = response.body.getReader();
  const parts: BlobPart[] = [];
  let bytes = 0;
  onProgress({ bytes, rows });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    onProgress({ bytes, rows });
  }
  return new Blob(parts, { type: response.headers.get('content-type') ?? undefined });
}
