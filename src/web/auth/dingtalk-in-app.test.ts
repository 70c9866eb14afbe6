import { describe, expect, it } from 'vitest';
import { dingTalkAuthCode, isDingTalk, requestAuthCode, type DingTalkJsapi } from './dingtalk-in-app';

const DINGTALK_UA =
  'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 AliApp(DingTalk/7.6.0) com.alibaba.android.rimet/34020010 Channel/700159 language/zh-CN';
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

describe('issue 22: the DingTalk free-login code on the login page', () => {
  it('recognises DingTalk’s in-app browser and nothing else', () => {
    expect(isDingTalk(DINGTALK_UA)).toBe(true);
    expect(isDingTalk(CHROME_UA)).toBe(false);
    expect(isDingTalk('Mozilla/5.0 wxwork/4.1.22 MicroMessenger/7.0.1')).toBe(false);
  });

  it('asks the newer dd.getAuthCode with the CorpId, after dd.ready', async () => {
    const asked: string[] = [];
    let ready = false;
    const dd: DingTalkJsapi = {
      ready: (cb) => {
        ready = true;
        cb();
      },
      getAuthCode: ({ corpId, success }) => {
        expect(ready).toBe(true);
        asked.push(corpId);
        success({ code: 'free-login-code-1' });
      },
    };
    await expect(requestAuthCode(dd, 'ding-corp-1')).resolves.toBe('free-login-code-1');
    expect(asked).toEqual(['ding-corp-1']);
  });

  it('falls back to dd.runtime.permission.requestAuthCode, and passes on a refusal', async () => {
    const older: DingTalkJsapi = {
      runtime: { permission: { requestAuthCode: ({ onSuccess }) => onSuccess({ code: 'old-api-code' }) } },
    };
    await expect(requestAuthCode(older, 'c')).resolves.toBe('old-api-code');
    const refusing: DingTalkJsapi = {
      getAuthCode: ({ fail }) => fail({ errorCode: '3', errorMessage: '企业不存在' }),
    };
    await expect(requestAuthCode(refusing, 'c')).rejects.toThrow(/企业不存在/);
    await expect(requestAuthCode({}, 'c')).rejects.toThrow(/no auth code call/);
  });

  it('loads the JSAPI from the configured address only inside DingTalk', async () => {
    const loaded: string[] = [];
    let dd: DingTalkJsapi | undefined;
    const env = {
      load: async (url: string) => {
        loaded.push(url);
        dd = { getAuthCode: ({ success }) => success({ authCode: 'newer-field-code' }) };
      },
      jsapi: () => dd,
    };
    const config = { corpId: 'ding-corp-1', jsapiUrl: 'https://static.example.cn/dingtalk.open.js' };
    await expect(dingTalkAuthCode(config, { ...env, userAgent: CHROME_UA })).rejects.toThrow(/not inside/);
    expect(loaded).toEqual([]);
    await expect(dingTalkAuthCode(config, { ...env, userAgent: DINGTALK_UA })).resolves.toBe(
      'newer-field-code',
    );
    expect(loaded).toEqual(['https://static.example.cn/dingtalk.open.js']);
  });
});
