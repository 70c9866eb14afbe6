/**
 * Errors that reach a client: a stable dotted code clients switch on, an HTTP status, and the
 * message in Simplified Chinese and English. Modules declare factories over this type.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
  }
}

/** Builds a factory for one error code, so call sites read `orgErrors.unitNotFound()`. */
export function defineError(code: string, status: number, messageZh: string, messageEn: string) {
  return (details?: unknown) => new AppError(code, status, messageZh, messageEn, details);
}

export const commonErrors = {
  /** A unit that does not exist or lies outside the caller's units: the same answer, so scope does not leak (ORG-1). */
  unitNotFound: defineError('org.unit_not_found', 404, '找不到该组织单元', 'Organisation unit not found'),
  validationFailed: defineError('validation.failed', 400, '提交的数据不正确', 'The request data is invalid'),
  malformedJson: defineError(
    'request.malformed_json',
    400,
    '请求内容不是有效的 JSON',
    'The request body is not valid JSON',
  ),
  unsupportedMediaType: defineError(
    'request.unsupported_media_type',
    415,
    '请求内容类型不受支持，请使用 application/json',
    'Unsupported content type; send application/json',
  ),
  bodyTooLarge: defineError('request.body_too_large', 413, '请求内容过大', 'The request body is too large'),
  headersTooLarge: defineError(
    'request.headers_too_large',
    431,
    '请求头过大（可能是 Cookie 过多），请清除本站 Cookie 后重试',
    'The request headers are too large (often too many cookies); clear this site’s cookies and retry',
  ),
  clientTimeout: defineError('request.timeout', 408, '请求超时', 'The request took too long to arrive'),
  badRequest: defineError('request.invalid', 400, '请求无效', 'The request could not be read'),
  routeNotFound: defineError('request.not_found', 404, '请求的地址不存在', 'No such endpoint'),
  rateLimited: defineError(
    'request.rate_limited',
    429,
    '操作过于频繁，请稍后再试',
    'Too many requests; try again later',
  ),
  databaseUnavailable: defineError(
    'db.unavailable',
    503,
    '数据库暂时无法连接，请稍后重试',
    'The database is unavailable for the moment; please retry shortly',
  ),
  shuttingDown: defineError(
    'server.shutting_down',
    503,
    '服务正在重启，请稍后重试',
    'The server is shutting down; please retry shortly',
  ),
  internal: defineError(
    'internal',
    500,
    '服务器内部错误，请稍后重试',
    'Internal server error; please retry later',
  ),
};
