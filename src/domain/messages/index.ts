export * from './contact-hours';
export * from './templates';
export * from './outbox';
