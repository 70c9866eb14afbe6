export * from './parts.stock';
