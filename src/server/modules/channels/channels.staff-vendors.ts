/**
 * Staff notices out through WeCom (企业微信) and DingTalk (钉钉): the vendors' request shapes, with
 * the access token cached per account and fetched again once when the vendor says it expired.
 * WeCom: GET /cgi-bin/gettoken?corpid&corpsecret, POST /cgi-bin/message/send?access_token with
 * agentid and a textcard (enable_duplicate_check on, so a retried send is not shown twice).
 * DingTalk: GET /gettoken?appkey&appsecret, POST /topapi/message/corpconversation/asyncsend_v2
 * ?access_token with agent_id, userid_list and an action_card.
 */
export const WECOM_API = 'https://qyapi.weixin.qq.com';
export const DINGTALK_API = 'https://oapi.dingtalk.com';
const TIMEOUT_MS = 10_000;
/** Token missing, invalid or expired: fetch a new one and send once more. */
const WECOM_TOKEN_ERRORS = new Set([40014, 41001, 42001]);
const DINGTALK_TOKEN_ERRORS = new Set([40014, 41001, 42001, 88]);

export interface StaffNotice {
  title: string;
  description: string;
  url: string;
}

export interface StaffAccount {
  id: string;
  kind: 'wecom_app' | 'dingtalk_app';
  /** Changes when the account is saved: a new secret starts a new token. */
  version: number;
  settings: { corpId?: string; appKey?: string; agentId: string; apiBase?: string | null };
  secret: string;
}

/** A vendor answer that sending again will not change (bad userid, app not visible, bad request). */
export class PermanentSendError extends Error {}

const tokens = new Map<string, { token: string; expiresAt: number }>();

async function getJson(url: URL, init?: RequestInit) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${url.pathname} HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown> & {
    errcode?: number;
    errmsg?: string;
    access_token?: string;
    expires_in?: number;
  };
}

export async function accessToken(account: StaffAccount, force: boolean): Promise<string> {
  const key = `${account.id}:${account.version}`;
  const cached = tokens.get(key);
  if (!force && cached && cached.expiresAt > Date.now()) return cached.token;
  const s = account.settings;
  const url =
    account.kind === 'wecom_app'
      ? new URL('/cgi-bin/gettoken', s.apiBase || WECOM_API)
      : new URL('/gettoken', s.apiBase || DINGTALK_API);
  if (account.kind === 'wecom_app') {
    url.searchParams.set('corpid', s.corpId ?? '');
    url.searchParams.set('corpsecret', account.secret);
  } else {
    url.searchParams.set('appkey', s.appKey ?? '');
    url.searchParams.set('appsecret', account.secret);
  }
  const body = await getJson(url);
  if (body.errcode || !body.access_token) {
    const msg = `gettoken errcode ${body.errcode}: ${body.errmsg ?? ''}`;
    // A wrong corpid/secret or appkey/secret stays wrong until an administrator fixes it.
    throw body.errcode === 40001 || body.errcode === 40013 || body.errcode === 40089
      ? new PermanentSendError(msg)
      : new Error(msg);
  }
  tokens.set(key, {
    token: body.access_token,
    // Renewed five minutes early so a token never runs out between fetching it and sending.
    expiresAt: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000,
  });
  return body.access_token;
}

/** The message body each vendor takes for one notice to one person. */
export function staffMessageBody(account: StaffAccount, to: string, notice: StaffNotice) {
  const agentId = Number(account.settings.agentId);
  if (account.kind === 'wecom_app')
    return {
      touser: to,
      msgtype: 'textcard',
      agentid: agentId,
      textcard: {
        title: notice.title.slice(0, 128),
        description: notice.description.slice(0, 512),
        url: notice.url,
        btntxt: '详情',
      },
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
    };
  return {
    agent_id: agentId,
    userid_list: to,
    msg: {
      msgtype: 'action_card',
      action_card: {
        title: notice.title,
        markdown: `### ${notice.title}\n\n${notice.description}`,
        single_title: '在客服系统中查看',
        single_url: notice.url,
      },
    },
  };
}

/** Sends one notice; answers the vendor's message or task id. Throws PermanentSendError when retrying is pointless. */
export async function sendStaffNotice(
  account: StaffAccount,
  to: string,
  notice: StaffNotice,
): Promise<string> {
  const path =
    account.kind === 'wecom_app' ? '/cgi-bin/message/send' : '/topapi/message/corpconversation/asyncsend_v2';
  const base = account.settings.apiBase || (account.kind === 'wecom_app' ? WECOM_API : DINGTALK_API);
  const tokenErrors = account.kind === 'wecom_app' ? WECOM_TOKEN_ERRORS : DINGTALK_TOKEN_ERRORS;
  for (let attempt = 0; ; attempt++) {
    const url = new URL(path, base);
    url.searchParams.set('access_token', await accessToken(account, attempt > 0));
    const body = await getJson(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(staffMessageBody(account, to, notice)),
    });
    if (body.errcode && tokenErrors.has(body.errcode) && attempt === 0) continue;
    if (body.errcode) {
      const msg = `${path} errcode ${body.errcode}: ${body.errmsg ?? ''}`;
      // -1 (busy) and frequency limits (45009, 45033, 90018) pass; anything else is the request's fault.
      throw [-1, 45009, 45033, 90018].includes(body.errcode) ? new Error(msg) : new PermanentSendError(msg);
    }
    if (account.kind === 'wecom_app' && typeof body.invaliduser === 'string' && body.invaliduser)
      throw new PermanentSendError(`WeCom does not know userid ${body.invaliduser}`);
    return String(body.msgid ?? body.task_id ?? '');
  }
}
