/**
 * Tencent Cloud API 3.0 signature TC3-HMAC-SHA256 and the SMS (2021-01-11) request shape. The
 * canonical request covers method, path, query, the content-type and host headers and the SHA-256
 * of the body; the key is derived from the SecretKey through the UTC date, the service and
 * `tc3_request`.
 */
import { createHash, createHmac } from 'node:crypto';

export const TENCENT_SMS_VERSION = '2021-01-11';
/** SendSms takes up to 200 numbers per request. */
export const TENCENT_SEND_MAX_NUMBERS = 200;
export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  /** Unix seconds. */
  timestamp: number;
  payload: string;
  contentType?: string;
}

export interface Tc3Result {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

export function tc3Sign(input: Tc3Input): Tc3Result {
  const contentType = input.contentType ?? TC3_CONTENT_TYPE;
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${input.host}\n`,
    signedHeaders,
    sha256Hex(input.payload),
  ].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const secretDate = hmac(`TC3${input.secretKey}`, date);
  const secretService = hmac(secretDate, input.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    canonicalRequest,
    stringToSign,
    signature,
    authorization: `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** Mainland numbers go out in E.164 (+86…), as the SMS API asks. */
export function tencentPhone(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('86') && digits.length === 13) return `+${digits}`;
  return `+86${digits}`;
}

/** SendStatus Code: Ok is sent; frequency limits and internal errors retried; the rest final. */
export function tencentOutcome(code: string): 'sent' | 'retry' | 'refused' {
  if (code === 'Ok') return 'sent';
  if (code.startsWith('LimitExceeded') || code.startsWith('InternalError') || code === 'RequestLimitExceeded')
    return 'retry';
  return 'refused';
}

/** DescribeSmsTemplateList StatusCode: 0 approved, 1 under review, -1 rejected. */
export function tencentTemplateApproval(statusCode: number): 'pending' | 'approved' | 'rejected' {
  return statusCode === 0 ? 'approved' : statusCode === -1 ? 'rejected' : 'pending';
}

/** One entry of the delivery-status callback (a JSON array per call). */
export interface TencentReceipt {
  user_receive_time?: string;
  nationcode?: string;
  mobile: string;
  report_status: 'SUCCESS' | 'FAIL' | string;
  errmsg?: string;
  description?: string;
  sid: string;
}
