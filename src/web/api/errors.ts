import i18n from '../i18n';

/** An error answer from the API: `{code, message, messageEn, details?}` plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string | null;
  readonly messageEn: string | null;
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: string;
    messageZh?: string | null;
    messageEn?: string | null;
    details?: unknown;
  }) {
    super(init.messageEn ?? init.messageZh ?? init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageZh = init.messageZh ?? null;
    this.messageEn = init.messageEn ?? null;
    this.details = init.details;
  }
}

function isErrorBody(
  body: unknown,
): body is { code: string; message?: string; messageEn?: string; details?: unknown } {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError({
      status,
      code: body.code,
      messageZh: body.message ?? null,
      messageEn: body.messageEn ?? null,
      details: body.details,
    });
  }
  return new ApiError({ status, code: `http.${status}` });
}

/** The message to show a person, in the interface language, with a generic fallback. */
export function localizedMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const english = i18n.language === 'en';
    const text = english ? (error.messageEn ?? error.messageZh) : (error.messageZh ?? error.messageEn);
    if (text) return text;
    if (error.code === 'network.error') return i18n.t('app.networkError');
    if (error.status === 401) return i18n.t('app.sessionExpired');
  }
  return i18n.t('app.unknownError');
}
