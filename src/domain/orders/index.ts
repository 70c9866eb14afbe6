export * from './order-import';
