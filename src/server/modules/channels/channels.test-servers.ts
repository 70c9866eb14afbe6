/**
 * Local stand-ins for the vendors, speaking their protocols and checking what a real one checks:
 * Aliyun dysmsapi (RPC signature v1 over the form body, nonce replay, template parameters), Tencent
 * Cloud SMS (TC3-HMAC-SHA256 over host, content-type and body), and the WeCom API behind WeChat
 * customer service (gettoken, kf/sync_msg with a cursor, kf/send_msg). Test helpers only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  aliyunSignature,
  encryptMessage,
  msgSignature,
  tc3Sign,
  TENCENT_SEND_MAX_NUMBERS,
  ALIYUN_BATCH_MAX_NUMBERS,
} from './channels.protocols';

interface Started {
  url: string;
  close(): Promise<void>;
}

function listen(
  handler: (req: http.IncomingMessage, raw: string, res: http.ServerResponse) => void,
): Promise<Started & { server: http.Server }> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => handler(req, raw, res));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    }),
  );
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

// ---------------------------------------------------------------------------------------------

export interface AliyunServer extends Started {
  /** Every SendSms accepted: its parameters. */
  sent: Record<string, string>[];
  batches: Record<string, string>[];
  badSignatures: number;
  /** Answer the next n SendSms with this business code (e.g. isv.BUSINESS_LIMIT_CONTROL). */
  failNext(code: string, n?: number): void;
  /** Review state per template code (QuerySmsTemplate): 0 reviewing, 1 approved, 2 rejected. */
  templateStatus: Map<string, number>;
  /** Variables each template needs (SendSms refuses a TemplateParam without them). */
  templateVariables: Map<string, string[]>;
}

export async function startAliyunServer(opts: {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
}): Promise<AliyunServer> {
  const nonces = new Set<string>();
  const failures: string[] = [];
  const state = {
    sent: [] as Record<string, string>[],
    batches: [] as Record<string, string>[],
    badSignatures: 0,
    templateStatus: new Map<string, number>(),
    templateVariables: new Map<string, string[]>(),
  };
  const started = await listen((req, raw, res) => {
    const params = Object.fromEntries(new URLSearchParams(raw));
    const requestId = randomUUID().toUpperCase();
    const err = (status: number, code: string, message: string) =>
      json(res, status, { RequestId: requestId, Code: code, Message: message });
    if (req.method !== 'POST') return err(400, 'UnsupportedHTTPMethod', 'POST only in this stand-in');
    for (const p of [
      'AccessKeyId',
      'Action',
      'SignatureMethod',
      'SignatureNonce',
      'SignatureVersion',
      'Timestamp',
      'Version',
      'Signature',
    ])
      if (!params[p]) return err(400, 'MissingParameter', `${p} is mandatory for this action.`);
    if (params.AccessKeyId !== opts.accessKeyId)
      return err(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (
      params.SignatureMethod !== 'HMAC-SHA1' ||
      params.SignatureVersion !== '1.0' ||
      params.Version !== '2017-05-25'
    )
      return err(400, 'InvalidParameter', 'signature method, signature version or API version');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.Timestamp!))
      return err(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    const { Signature, ...unsigned } = params;
    if (aliyunSignature(unsigned, opts.accessKeySecret, 'POST') !== Signature) {
      state.badSignatures++;
      return err(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    if (nonces.has(params.SignatureNonce!))
      return err(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.add(params.SignatureNonce!);
    const checkTemplate = (code: string | undefined, paramJson: string | undefined): string | null => {
      if (!code || !state.templateVariables.has(code)) return 'isv.SMS_TEMPLATE_ILLEGAL';
      if (state.templateStatus.get(code) !== 1) return 'isv.SMS_TEMPLATE_ILLEGAL';
      let values: Record<string, unknown>;
      try {
        values = JSON.parse(paramJson ?? '{}') as Record<string, unknown>;
      } catch {
        return 'isv.INVALID_JSON_PARAM';
      }
      return state.templateVariables
        .get(code)!
        .every((v) => typeof values[v] === 'string' && values[v] !== '')
        ? null
        : 'isv.TEMPLATE_MISSING_PARAMETERS';
    };
    switch (params.Action) {
      case 'SendSms': {
        const failure = failures.shift();
        if (failure) return err(200, failure, 'failing as asked');
        const numbers = (params.PhoneNumbers ?? '').split(',');
        if (numbers.length > 1000 || !numbers.every((n) => /^1[3-9]\d{9}$/.test(n)))
          return err(200, 'isv.MOBILE_NUMBER_ILLEGAL', 'invalid mobile number');
        if (params.SignName !== opts.signName)
          return err(200, 'isv.SMS_SIGNATURE_ILLEGAL', 'signature not approved');
        const bad = checkTemplate(params.TemplateCode, params.TemplateParam);
        if (bad) return err(200, bad, 'template');
        state.sent.push(params);
        return json(res, 200, { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` });
      }
      case 'SendBatchSms': {
        const phones = JSON.parse(params.PhoneNumberJson ?? '[]') as string[];
        const signs = JSON.parse(params.SignNameJson ?? '[]') as string[];
        const values = JSON.parse(params.TemplateParamJson ?? '[]') as unknown[];
        if (
          phones.length === 0 ||
          phones.length > ALIYUN_BATCH_MAX_NUMBERS ||
          signs.length !== phones.length ||
          values.length !== phones.length
        )
          return err(200, 'isv.INVALID_PARAMETERS', 'batch lists must match and hold at most 100');
        for (const v of values) {
          const bad = checkTemplate(params.TemplateCode, JSON.stringify(v));
          if (bad) return err(200, bad, 'template');
        }
        state.batches.push(params);
        return json(res, 200, { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: `${Date.now()}^1` });
      }
      case 'QuerySmsTemplate': {
        const status = state.templateStatus.get(params.TemplateCode ?? '');
        if (status === undefined) return err(200, 'isv.SMS_TEMPLATE_ILLEGAL', 'no such template');
        return json(res, 200, {
          RequestId: requestId,
          Code: 'OK',
          Message: 'OK',
          TemplateCode: params.TemplateCode,
          TemplateStatus: status,
          Reason: status === 2 ? '模板内容含营销用语' : '',
        });
      }
      default:
        return err(404, 'InvalidAction.NotFound', 'Specified api is not found');
    }
  });
  return Object.assign(state, {
    url: started.url,
    close: started.close,
    failNext: (code: string, n = 1) => {
      for (let i = 0; i < n; i++) failures.push(code);
    },
  });
}

// ---------------------------------------------------------------------------------------------

export interface TencentServer extends Started {
  sent: { action: string; body: Record<string, unknown> }[];
  badSignatures: number;
  /** StatusCode per template id (DescribeSmsTemplateList): 0 approved, 1 reviewing, -1 rejected. */
  templateStatus: Map<number, number>;
}

export async function startTencentServer(opts: {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
}): Promise<TencentServer> {
  const state = {
    sent: [] as TencentServer['sent'],
    badSignatures: 0,
    templateStatus: new Map<number, number>(),
  };
  const started = await listen((req, raw, res) => {
    const requestId = randomUUID();
    const fail = (code: string, message: string) =>
      json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const header = (n: string) => String(req.headers[n] ?? '');
    const auth =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(
        header('authorization'),
      );
    if (!auth)
      return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    const [, secretId, date, service, signedHeaders, signature] = auth;
    if (secretId !== opts.secretId) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
    const timestamp = Number(header('x-tc-timestamp'));
    if (
      new Date(timestamp * 1000).toISOString().slice(0, 10) !== date ||
      service !== 'sms' ||
      signedHeaders !== 'content-type;host'
    )
      return fail('AuthFailure.SignatureFailure', 'credential scope does not match');
    const expected = tc3Sign({
      secretId: opts.secretId,
      secretKey: opts.secretKey,
      service: 'sms',
      host: header('host'),
      timestamp,
      payload: raw,
      contentType: header('content-type'),
    });
    if (expected.signature !== signature) {
      state.badSignatures++;
      return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    }
    if (header('x-tc-version') !== '2021-01-11') return fail('InvalidParameterValue', 'version');
    const body = JSON.parse(raw) as Record<string, unknown>;
    const action = header('x-tc-action');
    if (action === 'SendSms') {
      const phones = (body.PhoneNumberSet ?? []) as string[];
      if (body.SmsSdkAppId !== opts.sdkAppId)
        return fail('FailedOperation.SmsSdkAppIdVerifyFail', 'SdkAppId');
      if (phones.length === 0 || phones.length > TENCENT_SEND_MAX_NUMBERS)
        return fail('LimitExceeded.PhoneNumberCountLimit', 'at most 200 numbers');
      const template = Number(body.TemplateId);
      if (state.templateStatus.get(template) !== 0)
        return fail('FailedOperation.TemplateIncorrectOrUnapproved', 'template not approved');
      state.sent.push({ action, body });
      return json(res, 200, {
        Response: {
          SendStatusSet: phones.map((p) => ({
            SerialNo: `2433:${randomUUID()}`,
            PhoneNumber: p,
            Fee: 1,
            SessionContext: body.SessionContext ?? '',
            Code: /^\+861[3-9]\d{9}$/.test(p) ? 'Ok' : 'InvalidParameterValue.IncorrectPhoneNumber',
            Message: 'send success',
            IsoCode: 'CN',
          })),
          RequestId: requestId,
        },
      });
    }
    if (action === 'DescribeSmsTemplateList') {
      const ids = (body.TemplateIdSet ?? []) as number[];
      return json(res, 200, {
        Response: {
          DescribeTemplateStatusSet: ids
            .filter((id) => state.templateStatus.has(id))
            .map((id) => ({
              TemplateId: id,
              International: 0,
              StatusCode: state.templateStatus.get(id),
              ReviewReply: '',
              TemplateName: `t${id}`,
              CreateTime: 0,
            })),
          RequestId: requestId,
        },
      });
    }
    return fail('InvalidAction', `no action ${action}`);
  });
  return Object.assign(state, { url: started.url, close: started.close });
}

// ---------------------------------------------------------------------------------------------

export interface KfInbound {
  msgid: string;
  external_userid: string;
  content: string;
  send_time: number;
  msgtype?: string;
  /** For an image or voice: its id in `media`. */
  media_id?: string;
}

export interface WecomServer extends Started {
  /** Messages the platform holds, oldest first; sync_msg pages through them by cursor. */
  inbox: KfInbound[];
  replies: Record<string, unknown>[];
  /** Files media/get serves, by media id (pictures, voices). */
  media: Record<string, { contentType: string; bytes: Buffer }>;
  tokensIssued: number;
  /** While true every request is answered 503 (the platform unreachable). */
  down: boolean;
  /** Invalidates issued tokens: the next call with one is answered errcode 42001. */
  expireTokens(): void;
  pageSize: number;
}

export async function startWecomServer(opts: {
  corpId: string;
  corpSecret: string;
  openKfId: string;
}): Promise<WecomServer> {
  const valid = new Set<string>();
  const state = {
    inbox: [] as KfInbound[],
    replies: [] as Record<string, unknown>[],
    media: {} as Record<string, { contentType: string; bytes: Buffer }>,
    tokensIssued: 0,
    down: false,
    pageSize: 2,
  };
  const started = await listen((req, raw, res) => {
    if (state.down) return json(res, 503, { errcode: -1, errmsg: 'system busy' });
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/cgi-bin/gettoken') {
      if (url.searchParams.get('corpid') !== opts.corpId)
        return json(res, 200, { errcode: 40013, errmsg: 'invalid corpid' });
      if (url.searchParams.get('corpsecret') !== opts.corpSecret)
        return json(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
      const token = `tok-${++state.tokensIssued}-${randomUUID()}`;
      valid.add(token);
      return json(res, 200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    const token = url.searchParams.get('access_token') ?? '';
    if (!valid.has(token)) return json(res, 200, { errcode: 42001, errmsg: 'access_token expired' });
    if (url.pathname === '/cgi-bin/media/get' && req.method === 'GET') {
      const file = state.media[url.searchParams.get('media_id') ?? ''];
      // An unknown or expired media id is answered in JSON, like the platform does.
      if (!file) return json(res, 200, { errcode: 40007, errmsg: 'invalid media_id' });
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-disposition': 'attachment; filename="media"',
      });
      return void res.end(file.bytes);
    }
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    if (url.pathname === '/cgi-bin/kf/sync_msg') {
      if (body.open_kfid !== opts.openKfId)
        return json(res, 200, { errcode: 95000, errmsg: 'invalid open_kfid' });
      const start = body.cursor
        ? Number.parseInt(Buffer.from(String(body.cursor), 'base64url').toString(), 10)
        : 0;
      const limit = Math.min(Number(body.limit ?? 1000), state.pageSize);
      const page = state.inbox.slice(start, start + limit);
      const next = start + page.length;
      return json(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        next_cursor: Buffer.from(String(next)).toString('base64url'),
        has_more: next < state.inbox.length ? 1 : 0,
        msg_list: page.map((m) => ({
          msgid: m.msgid,
          open_kfid: opts.openKfId,
          external_userid: m.external_userid,
          send_time: m.send_time,
          origin: 3,
          msgtype: m.msgtype ?? 'text',
          ...(m.msgtype && m.msgtype !== 'text'
            ? { [m.msgtype]: { media_id: m.media_id ?? 'MEDIA' } }
            : { text: { content: m.content } }),
        })),
      });
    }
    if (url.pathname === '/cgi-bin/kf/send_msg') {
      if (body.open_kfid !== opts.openKfId || typeof body.touser !== 'string')
        return json(res, 200, { errcode: 95000, errmsg: 'invalid' });
      if (!state.inbox.some((m) => m.external_userid === body.touser))
        return json(res, 200, { errcode: 95001, errmsg: 'not in session' });
      state.replies.push(body);
      return json(res, 200, { errcode: 0, errmsg: 'ok', msgid: body.msgid });
    }
    return json(res, 404, { errcode: 404, errmsg: 'not found' });
  });
  return Object.assign(state, {
    url: started.url,
    close: started.close,
    expireTokens: () => valid.clear(),
  });
}

/** What WeCom posts to the callback URL: the event encrypted and signed with the app's token. */
export function signedCallback(
  settings: { token: string; encodingAesKey: string; corpId: string },
  xml: string,
  timestamp = '1765000000',
  nonce = '1372623149',
): { query: string; body: string } {
  const encrypt = encryptMessage(settings.encodingAesKey, xml, settings.corpId);
  const signature = msgSignature(settings.token, timestamp, nonce, encrypt);
  return {
    query: `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${settings.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
  };
}
