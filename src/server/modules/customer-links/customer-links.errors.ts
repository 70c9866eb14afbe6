import { defineError } from '../../app/errors';

export const customerLinkErrors = {
  notFound: defineError(
    'customer_link.not_found',
    404,
    '链接无效，请核对短信中的链接是否完整',
    'This link is not valid; check that the whole link from the message was opened',
  ),
  expired: defineError(
    'customer_link.expired',
    410,
    '链接已过期，如需帮助请致电门店客服',
    'This link has expired; please call the store’s customer service for help',
  ),
  expiryNotInFuture: defineError(
    'customer_link.expiry_not_in_future',
    400,
    '链接的有效期必须晚于现在',
    'A link must expire in the future',
  ),
};
