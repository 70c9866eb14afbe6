/**
 * Silent sign-in inside the DingTalk app (issue 22). DingTalk's in-app browser says `DingTalk` in
 * its user agent; there the page loads DingTalk's JSAPI (from the address the sign-in app names,
 * never outside DingTalk), asks it for a free-login code for the organisation's CorpId and posts
 * the code to the server, which asks DingTalk who it is. Kept apart from the page so it is tested.
 */

/** The parts of DingTalk's JSAPI (`window.dd`) used here: the newer call and the older one. */
export interface DingTalkJsapi {
  ready?: (callback: () => void) => void;
  error?: (callback: (err: unknown) => void) => void;
  getAuthCode?: (options: {
    corpId: string;
    success: (result: { code?: string; authCode?: string }) => void;
    fail: (err: unknown) => void;
  }) => void;
  runtime?: {
    permission?: {
      requestAuthCode?: (options: {
        corpId: string;
        onSuccess: (result: { code?: string }) => void;
        onFail: (err: unknown) => void;
      }) => void;
    };
  };
}

export const isDingTalk = (userAgent: string) => /\bDingTalk\b/i.test(userAgent);

/** Asks the JSAPI for a free-login code: `dd.getAuthCode`, else `dd.runtime.permission.requestAuthCode`. */
export function requestAuthCode(dd: DingTalkJsapi, corpId: string, timeoutMs = 15_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('DingTalk JSAPI did not answer')), timeoutMs);
    const done = (code: string | undefined) => {
      clearTimeout(timer);
      if (code) resolve(code);
      else reject(new Error('DingTalk JSAPI answered without a code'));
    };
    const fail = (err: unknown) => {
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(`DingTalk JSAPI refused: ${JSON.stringify(err)}`));
    };
    const ask = () => {
      if (dd.getAuthCode) dd.getAuthCode({ corpId, success: (r) => done(r.code ?? r.authCode), fail });
      else if (dd.runtime?.permission?.requestAuthCode)
        dd.runtime.permission.requestAuthCode({ corpId, onSuccess: (r) => done(r.code), onFail: fail });
      else fail(new Error('DingTalk JSAPI offers no auth code call'));
    };
    dd.error?.(fail);
    if (dd.ready) dd.ready(ask);
    else ask();
  });
}

/** Loads a script once; resolves when it ran. */
export function loadScript(url: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const existing = document.querySelector<HTMLScriptElement>(`script[data-src="${CSS.escape(url)}"]`);
    if (existing?.dataset.loaded) return resolve();
    const script = existing ?? document.createElement('script');
    script.addEventListener('load', () => {
      script.dataset.loaded = '1';
      resolve();
    });
    script.addEventListener('error', () => reject(new Error(`could not load ${url}`)));
    if (!existing) {
      script.src = url;
      script.dataset.src = url;
      document.head.appendChild(script);
    }
  });
}

/** The whole acquisition: load the JSAPI (only inside DingTalk), then ask it for the code. */
export async function dingTalkAuthCode(
  config: { corpId: string; jsapiUrl: string },
  env: {
    userAgent: string;
    load: (url: string) => Promise<void>;
    jsapi: () => DingTalkJsapi | undefined;
  },
): Promise<string> {
  if (!isDingTalk(env.userAgent)) throw new Error('not inside DingTalk');
  if (!env.jsapi()) await env.load(config.jsapiUrl);
  const dd = env.jsapi();
  if (!dd) throw new Error('DingTalk JSAPI missing after loading');
  return requestAuthCode(dd, config.corpId);
}
