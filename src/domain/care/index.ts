/** Public API of the customer-care rules (客户关怀 · 回访). */
export * from './care.types';
export * from './care.defaults';
export * from './care.schedule';
export * from './care.attempts';
export * from './care.rules';
export * from './care.plan';
