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
