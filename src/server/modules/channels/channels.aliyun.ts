/**
 * Aliyun SMS (dysmsapi, API version 2017-05-25), RPC style with signature version 1.0: every
 * parameter sorted by name, percent-encoded by RFC 3986 (space %20, * %2A, ~ kept), joined, and the
 * string `METHOD&%2F&<encoded query>` signed with HMAC-SHA1 under `<AccessKeySecret>&`.
 */
import { createHmac } from 'node:crypto';

export const ALIYUN_SMS_VERSION = '2017-05-25';
/** SendSms takes up to 1000 numbers (one template, one signature); SendBatchSms up to 100. */
export const ALIYUN_SEND_MAX_NUMBERS = 1000;
export const ALIYUN_BATCH_MAX_NUMBERS = 100;

export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonicalised query (sorted, encoded), without the Signature parameter. */
export function aliyunCanonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
}

export function aliyunStringToSign(params: Readonly<Record<string, string>>, method = 'GET'): string {
  return `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
}

export function aliyunSignature(
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
  method = 'GET',
): string {
  return createHmac('sha1', `${accessKeySecret}&`)
    .update(aliyunStringToSign(params, method))
    .digest('base64');
}

/** The common parameters of one call; `Timestamp` is ISO 8601 in UTC without milliseconds. */
export function aliyunCommonParams(input: {
  accessKeyId: string;
  action: string;
  now: Date;
  nonce: string;
  regionId?: string;
}): Record<string, string> {
  return {
    AccessKeyId: input.accessKeyId,
    Action: input.action,
    Format: 'JSON',
    RegionId: input.regionId ?? 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: input.nonce,
    SignatureVersion: '1.0',
    Timestamp: input.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: ALIYUN_SMS_VERSION,
  };
}

/**
 * What an answer code means for the outbox: OK is sent; throttling and platform faults (isp.*)
 * are tried again; every other isv.* code (bad number, template, signature, balance) is final.
 */
export function aliyunOutcome(code: string): 'sent' | 'retry' | 'refused' {
  if (code === 'OK') return 'sent';
  if (code === 'isv.BUSINESS_LIMIT_CONTROL' || code.startsWith('isp.') || code.startsWith('Throttling'))
    return 'retry';
  if (code === 'SignatureNonceUsed' || code === 'ServiceUnavailable') return 'retry';
  return 'refused';
}

/** QuerySmsTemplate's TemplateStatus: 0 under review, 1 approved, 2 rejected. */
export function aliyunTemplateApproval(status: number): TemplateApproval {
  return status === 1 ? 'approved' : status === 2 ? 'rejected' : 'pending';
}

export type TemplateApproval = 'pending' | 'approved' | 'rejected';

/** One entry of the SmsReport HTTP push (a JSON array per call). */
export interface AliyunReceipt {
  phone_number: string;
  send_time?: string;
  report_time?: string;
  success: boolean;
  err_code?: string;
  err_msg?: string;
  biz_id?: string;
  out_id?: string;
}
