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
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return response;
}
