// What the agent desk reuses from the contact log (IN-2, IN-8).
export { ContactQuickForm } from './contact-quick-form';
export * from './contact-types';
