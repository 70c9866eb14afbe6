export * from './questions';
export * from './scoring';
export * from './templates';
export * from './weeks';
