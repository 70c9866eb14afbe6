import { defineError } from '../../app/errors';

export const portalErrors = {
  phoneInvalid: defineError(
    'portal.phone_invalid',
    400,
    '请输入正确的手机号码',
    'Please enter a valid mobile number',
  ),
  tooManyCodes: defineError(
    'portal.too_many_codes',
    429,
    '验证码发送过于频繁，请稍后再试',
    'Too many codes requested; please try again later',
  ),
  codeInvalid: defineError(
    'portal.code_invalid',
    400,
    '验证码不正确或已失效，请重新获取',
    'The code is wrong or no longer valid; please request a new one',
  ),
  tooManyAttempts: defineError(
    'portal.too_many_attempts',
    429,
    '验证码错误次数过多，请一小时后再试',
    'Too many wrong codes; please try again in an hour',
  ),
  notSignedIn: defineError(
    'portal.not_signed_in',
    401,
    '登录已过期，请重新用手机验证码登录',
    'Your sign-in has expired; please sign in again with a code',
  ),
  notFound: defineError('portal.not_found', 404, '找不到该记录', 'Not found'),
  noOneToServe: defineError(
    'portal.no_one_to_serve',
    409,
    '门店暂时无法在线受理，请拨打客服电话',
    'The store cannot take requests online right now; please call us',
  ),
};
