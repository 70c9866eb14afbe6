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
  requestClosed: defineError(
    'portal.request_closed',
    409,
    '该诉求已办结，如有新问题请提交新诉求',
    'This request is closed; please submit a new one',
  ),
  photoEmpty: defineError('portal.photo_empty', 400, '照片是空的，请重新选择', 'The photo is empty'),
  photoTooLarge: defineError(
    'portal.photo_too_large',
    413,
    '照片太大，超过了允许的上限',
    'The photo is larger than allowed',
  ),
  notAPhoto: defineError(
    'portal.not_a_photo',
    415,
    '只能上传照片（JPG、PNG 等图片）',
    'Only photos can be uploaded (JPG, PNG and the like)',
  ),
  tooManyPhotos: defineError(
    'portal.too_many_photos',
    409,
    '每条诉求最多上传 9 张照片',
    'A request takes at most 9 photos',
  ),
  photoMissing: defineError('portal.photo_missing', 400, '请选择要上传的照片', 'Choose a photo to upload'),
};
