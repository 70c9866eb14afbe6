import { defineError } from '../../app/errors';

/** The official-account menu links (issue 22). */
export const officialAccountErrors = {
  notFound: defineError(
    'channels.oa_not_found',
    404,
    '该公众号菜单链接无效，请联系客服',
    'This official-account menu link is not valid; please contact customer service',
  ),
  bindExpired: defineError(
    'channels.oa_bind_expired',
    403,
    '绑定已失效，请从公众号菜单重新进入',
    'The binding has expired; open the page again from the official account menu',
  ),
  bindingNotFound: defineError(
    'channels.oa_binding_not_found',
    404,
    '找不到该公众号绑定',
    'Official-account binding not found',
  ),
  noCustomer: defineError(
    'channels.oa_no_customer',
    404,
    '该手机号没有对应的客户档案',
    'No customer record carries this mobile number',
  ),
};
