import { defineError } from '../../app/errors';

export const authErrors = {
  invalidCredentials: defineError(
    'auth.invalid_credentials',
    401,
    '用户名或密码错误',
    'Wrong username or password',
  ),
  accountLocked: defineError(
    'auth.account_locked',
    423,
    '密码错误次数过多，账号已暂时锁定，请稍后再试或联系管理员',
    'Too many wrong passwords: the account is locked for a while; try later or ask an administrator',
  ),
  accountDisabled: defineError('auth.account_disabled', 403, '该账号已停用', 'This account is disabled'),
  unauthenticated: defineError('auth.unauthenticated', 401, '请先登录', 'Please log in'),
  sessionExpired: defineError(
    'auth.session_expired',
    401,
    '登录已过期，请重新登录',
    'Your session has expired; please log in again',
  ),
  csrfInvalid: defineError(
    'auth.csrf_invalid',
    403,
    '安全校验失败，请刷新页面后重试',
    'Security check failed (CSRF token missing or wrong); reload the page and try again',
  ),
  originInvalid: defineError(
    'auth.origin_invalid',
    403,
    '登录请求来自其他网站，已拒绝',
    'The login request came from another site and was refused',
  ),
  wrongCurrentPassword: defineError(
    'auth.wrong_current_password',
    400,
    '当前密码不正确',
    'The current password is wrong',
  ),
  weakPassword: defineError(
    'auth.weak_password',
    400,
    '新密码至少 8 位，且需同时包含字母和数字',
    'The new password needs at least 8 characters with both letters and digits',
  ),
  ssoNotConfigured: defineError(
    'auth.sso_not_configured',
    404,
    '未开通该方式登录，请使用账号密码登录',
    'Signing in this way is not set up; use your username and password',
  ),
  oauthStateInvalid: defineError(
    'auth.oauth_state_invalid',
    403,
    '登录链接已失效或不是从本页面发起的，请重新点击登录',
    'The sign-in link has expired or was not started from this page; start again',
  ),
  oauthCodeReused: defineError(
    'auth.oauth_code_reused',
    400,
    '该授权码已使用过，请重新发起登录',
    'This authorization code was already used; start again',
  ),
  oauthCodeInvalid: defineError(
    'auth.oauth_code_invalid',
    401,
    '授权未通过或已过期，请重新扫码或点击登录',
    'The authorization was refused or has expired; scan or sign in again',
  ),
  ssoVendorDown: defineError(
    'auth.sso_vendor_down',
    502,
    '暂时连不上企业微信/钉钉，请稍后再试或使用账号密码登录',
    'WeCom/DingTalk cannot be reached right now; try later or use your password',
  ),
  ssoUnbound: defineError(
    'auth.sso_unbound',
    403,
    '该企业微信/钉钉账号还没有绑定客服系统账号。请联系管理员在用户管理中填写，或先用账号密码登录后在右上角菜单中绑定',
    'This WeCom/DingTalk account is not linked to a Kefu user. Ask an administrator to set it on your user, or sign in with your password and link it from the menu at the top right',
  ),
  ssoIdentityTaken: defineError(
    'auth.sso_identity_taken',
    409,
    '该企业微信/钉钉账号已绑定其他客服系统用户',
    'This WeCom/DingTalk account is already linked to another Kefu user',
  ),
  forbidden: defineError(
    'auth.forbidden',
    403,
    '没有执行此操作的权限',
    'You do not have permission to do this',
  ),
};

/** Password rule: 8–128 characters with letters and digits. */
export function assertStrongPassword(password: string): void {
  if (password.length < 8 || password.length > 128 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw authErrors.weakPassword();
  }
}
