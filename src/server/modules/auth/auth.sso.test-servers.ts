/**
 * WeCom and DingTalk as their sign-in servers behave (issue 22), for tests: the browser pages that
 * answer with a one-time code (WeCom QR login.work.weixin.qq.com/wwlogin/sso/login and in-app
 * open.weixin.qq.com/connect/oauth2/authorize; DingTalk login.dingtalk.com/oauth2/auth), and the
 * APIs that turn a code into the person (WeCom gettoken + auth/getuserinfo; DingTalk
 * /v1.0/oauth2/userAccessToken + /v1.0/contact/users/me), and DingTalk's in-app free login: the
 * code its JSAPI (dd.getAuthCode) hands the page, exchanged by gettoken?appkey&appsecret +
 * POST /topapi/v2/user/getuserinfo. A code is good once, as at the vendors.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export const WECOM_SSO = {
  corpId: 'ww7c1f3e5a9b2d4f60',
  corpSecret: 'wecom-login-secret-0123456789',
  agentId: '1000007',
};
export const DING_SSO = {
  corpId: 'ding4d2c0e1f7a9b3c55',
  appKey: 'dingx2k9q7lmv3ra',
  appSecret: 'ding-login-secret-0123456789',
  agentId: '3175502',
};

export interface SsoVendor {
  url: string;
  /** Who "scans the QR code" (or is in the WeCom app) next: a WeCom userid or DingTalk unionId. */
  person: { wecom: string | null; dingtalk: string };
  /** Who is signed in to the DingTalk app: the corp userid and unionid (null: no unionid given). */
  dingtalkApp: { userid: string; unionid: string | null };
  /** The free-login code the JSAPI gives a page inside DingTalk for the CorpId (as dd.getAuthCode does). */
  jsapiAuthCode(corpId: string): string;
  /** Every code exchanged, with whether the vendor accepted it. */
  exchanges: { provider: 'wecom' | 'dingtalk'; code: string; ok: boolean }[];
  /** Pages the browser was sent to. */
  pages: URL[];
  close(): Promise<void>;
}

export async function startSsoVendor(): Promise<SsoVendor> {
  const codes = new Map<
    string,
    {
      provider: 'wecom' | 'dingtalk' | 'dingtalk_app';
      who: string | null;
      used: boolean;
      unionid?: string | null;
    }
  >();
  const tokens = new Set<string>();
  const userTokens = new Map<string, string>();
  const state: Omit<SsoVendor, 'url' | 'close'> = {
    person: { wecom: 'ZhangWei', dingtalk: 'union-li-4220' },
    dingtalkApp: { userid: 'manager4220', unionid: 'union-li-4220' },
    jsapiAuthCode(corpId: string) {
      // The JSAPI refuses a CorpId that is not the organisation the DingTalk user is in.
      if (corpId !== DING_SSO.corpId) throw new Error(`requestAuthCode: corpId ${corpId} 不匹配`);
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        provider: 'dingtalk_app',
        who: state.dingtalkApp.userid,
        unionid: state.dingtalkApp.unionid,
        used: false,
      });
      return code;
    },
    exchanges: [],
    pages: [],
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://vendor');
      const q = url.searchParams;
      const json = (status: number, o: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      const issue = (provider: 'wecom' | 'dingtalk', who: string | null) => {
        const code = randomBytes(16).toString('hex');
        codes.set(code, { provider, who, used: false });
        return code;
      };
      const backTo = (redirect: string, params: Record<string, string>) => {
        const to = new URL(redirect);
        for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
        res.writeHead(302, { location: to.toString() }).end();
      };
      // WeCom QR page and in-app OAuth: the app must be the company's, the redirect given.
      if (url.pathname === '/wwlogin/sso/login' || url.pathname === '/connect/oauth2/authorize') {
        state.pages.push(url);
        const inApp = url.pathname === '/connect/oauth2/authorize';
        if (
          q.get('appid') !== WECOM_SSO.corpId ||
          q.get('agentid') !== WECOM_SSO.agentId ||
          !q.get('redirect_uri') ||
          (inApp
            ? q.get('scope') !== 'snsapi_base' || q.get('response_type') !== 'code'
            : q.get('login_type') !== 'CorpApp')
        )
          return void res.writeHead(400).end('参数错误');
        return backTo(q.get('redirect_uri')!, {
          code: issue('wecom', state.person.wecom),
          state: q.get('state') ?? '',
        });
      }
      if (url.pathname === '/oauth2/auth') {
        state.pages.push(url);
        if (
          q.get('client_id') !== DING_SSO.appKey ||
          q.get('response_type') !== 'code' ||
          !q.get('redirect_uri')
        )
          return void res.writeHead(400).end('参数错误');
        return backTo(q.get('redirect_uri')!, {
          authCode: issue('dingtalk', state.person.dingtalk),
          state: q.get('state') ?? '',
        });
      }
      if (url.pathname === '/cgi-bin/gettoken') {
        if (q.get('corpid') !== WECOM_SSO.corpId || q.get('corpsecret') !== WECOM_SSO.corpSecret)
          return json(200, { errcode: 40001, errmsg: 'invalid credential' });
        const token = randomBytes(12).toString('hex');
        tokens.add(token);
        return json(200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
      }
      if (url.pathname === '/gettoken') {
        if (q.get('appkey') !== DING_SSO.appKey || q.get('appsecret') !== DING_SSO.appSecret)
          return json(200, { errcode: 40089, errmsg: '不合法的corpid或corpsecret' });
        const token = randomBytes(12).toString('hex');
        tokens.add(token);
        return json(200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
      }
      if (url.pathname === '/topapi/v2/user/getuserinfo' && req.method === 'POST') {
        if (!tokens.has(q.get('access_token') ?? ''))
          return json(200, { errcode: 40014, errmsg: '不合法的access_token' });
        const code = String((JSON.parse(raw || '{}') as Record<string, unknown>).code ?? '');
        const issued = codes.get(code);
        const ok = !!issued && issued.provider === 'dingtalk_app' && !issued.used;
        state.exchanges.push({ provider: 'dingtalk', code, ok });
        if (!ok) return json(200, { errcode: 40078, errmsg: '不存在的临时授权码' });
        issued.used = true;
        return json(200, {
          errcode: 0,
          errmsg: 'ok',
          result: {
            userid: issued.who,
            unionid: issued.unionid ?? '',
            associated_unionid: '',
            device_id: 'device-0a1b2c',
            name: '李经理',
            sys: false,
            sys_level: 0,
          },
          request_id: randomBytes(6).toString('hex'),
        });
      }
      if (url.pathname === '/cgi-bin/auth/getuserinfo') {
        if (!tokens.has(q.get('access_token') ?? ''))
          return json(200, { errcode: 42001, errmsg: 'access_token expired' });
        const code = q.get('code') ?? '';
        const issued = codes.get(code);
        const ok = !!issued && issued.provider === 'wecom' && !issued.used;
        state.exchanges.push({ provider: 'wecom', code, ok });
        if (!ok) return json(200, { errcode: 40029, errmsg: 'invalid code' });
        issued.used = true;
        // Someone outside the company: no userid, an openid instead.
        if (!issued.who) return json(200, { errcode: 0, errmsg: 'ok', openid: 'oAAAAA-outsider' });
        return json(200, { errcode: 0, errmsg: 'ok', userid: issued.who, user_ticket: 'ticket' });
      }
      if (url.pathname === '/v1.0/oauth2/userAccessToken' && req.method === 'POST') {
        const body = JSON.parse(raw || '{}') as Record<string, string>;
        if (body.clientId !== DING_SSO.appKey || body.clientSecret !== DING_SSO.appSecret)
          return json(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
        const issued = codes.get(body.code ?? '');
        const ok =
          !!issued &&
          issued.provider === 'dingtalk' &&
          !issued.used &&
          body.grantType === 'authorization_code';
        state.exchanges.push({ provider: 'dingtalk', code: body.code ?? '', ok });
        if (!ok) return json(400, { code: 'invalidAuthCode', message: '不合法的临时授权码' });
        issued.used = true;
        const token = randomBytes(12).toString('hex');
        userTokens.set(token, issued.who!);
        return json(200, { accessToken: token, refreshToken: 'r', expireIn: 7200, corpId: 'ding-corp' });
      }
      if (url.pathname === '/v1.0/contact/users/me') {
        const who = userTokens.get(String(req.headers['x-acs-dingtalk-access-token'] ?? ''));
        if (!who) return json(401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
        return json(200, { nick: '李经理', unionId: who, openId: `open-${who}`, stateCode: '86' });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
