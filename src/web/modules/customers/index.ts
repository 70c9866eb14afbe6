// What the agent desk and ticket pages reuse from the customer archive.
export { CustomerCard, CustomerCardById, cardKey } from './customer-card';
export { CustomerDrawer } from './customer-drawer';
export type { CustomerDrawerTarget } from './customer-drawer';
export { CustomerForm } from './customer-form';
export type { CustomerFormTarget, CustomerFormValues } from './customer-form';
export { CustomerSelect } from './customer-select';
export { SpecialAttentionNote, SpecialAttentionTag } from './special-attention';
export * from './customer-types';
