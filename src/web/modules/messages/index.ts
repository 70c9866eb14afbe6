// 发件箱 and 消息模板 (issue 6): pages, menu items, and the demo-channel banner for other pages.
export { messagesNavItems } from './messages.nav';
export { messagesShellRoutes } from './messages.routes';
export { DemoProviderBanner } from './outbox-page';
export { MarketingOptOutSwitch } from './marketing-opt-out';
export * from './messages-api';
