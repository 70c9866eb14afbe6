export * from './intake';
