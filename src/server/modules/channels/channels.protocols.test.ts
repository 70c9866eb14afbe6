import { describe, expect, it } from 'vitest';
import {
  aliyunOutcome,
  aliyunSignature,
  aliyunStringToSign,
  decryptMessage,
  encryptMessage,
  msgSignature,
  openCallback,
  tc3Sign,
  tencentPhone,
  WechatCryptoError,
  xmlField,
} from './channels.protocols';

// The published example of Aliyun's SMS signature documentation (AccessKeySecret "testSecret").
const ALIYUN_DOC = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('Aliyun SMS signature', () => {
  it('IN-1: reproduces the documented string-to-sign and signature', () => {
    expect(aliyunStringToSign(ALIYUN_DOC)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    );
    expect(aliyunSignature(ALIYUN_DOC, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('classifies answer codes: throttling retried, bad number refused', () => {
    expect(aliyunOutcome('OK')).toBe('sent');
    expect(aliyunOutcome('isv.BUSINESS_LIMIT_CONTROL')).toBe('retry');
    expect(aliyunOutcome('isp.SYSTEM_ERROR')).toBe('retry');
    expect(aliyunOutcome('isv.MOBILE_NUMBER_ILLEGAL')).toBe('refused');
  });
});

describe('Tencent Cloud TC3-HMAC-SHA256', () => {
  it('IN-1: reproduces the documented DescribeInstances example', () => {
    const signed = tc3Sign({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      timestamp: 1551113065,
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    expect(signed.canonicalRequest.split('\n').at(-1)).toBe(
      '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('writes mainland numbers in E.164', () => {
    expect(tencentPhone('13800138000')).toBe('+8613800138000');
    expect(tencentPhone('+8613800138000')).toBe('+8613800138000');
  });
});

// The sample of the WeCom callback encryption library (Token QDG6eK, CorpID wx5823bf96d3bd56c7).
const WECOM = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
};
const ECHO = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
const EVENT =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';

describe('WeChat customer service callback crypto', () => {
  it('IN-1: verifies the published URL-verification sample and decrypts its echostr', () => {
    expect(msgSignature(WECOM.token, '1409659589', '263014780', ECHO)).toBe(
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    );
    const echo = openCallback(
      WECOM,
      {
        msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
        timestamp: '1409659589',
        nonce: '263014780',
      },
      ECHO,
    );
    expect(echo).toBe('1616140317555161061');
  });

  it('IN-1: decrypts the published message sample, addressed to the sample CorpID', () => {
    const xml = openCallback(
      WECOM,
      {
        msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
        timestamp: '1409659813',
        nonce: '1372623149',
      },
      EVENT,
    );
    expect(xmlField(xml, 'ToUserName')).toBe('wx5823bf96d3bd56c7');
    expect(xmlField(xml, 'MsgType')).toBe('text');
    expect(xml.startsWith('<xml>')).toBe(true);
  });

  it('refuses a wrong signature and a message for another company', () => {
    const bad = () =>
      openCallback(
        WECOM,
        { msgSignature: '0'.repeat(40), timestamp: '1409659589', nonce: '263014780' },
        ECHO,
      );
    expect(bad).toThrow(WechatCryptoError);
    const other = { ...WECOM, receiveId: 'ww-someone-else' };
    expect(() =>
      openCallback(
        other,
        {
          msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
          timestamp: '1409659589',
          nonce: '263014780',
        },
        ECHO,
      ),
    ).toThrow(/another CorpID/);
  });

  it('encrypts so that the same scheme decrypts it (Chinese text, 32-byte padding)', () => {
    const sealed = encryptMessage(WECOM.encodingAesKey, '<xml>你好，客服</xml>', 'ww1', Buffer.alloc(16, 7));
    expect(Buffer.from(sealed, 'base64').length % 32).toBe(0);
    expect(decryptMessage(WECOM.encodingAesKey, sealed)).toEqual({
      message: '<xml>你好，客服</xml>',
      receiveId: 'ww1',
    });
  });
});
