export * from './imports.fields';
export * from './imports.rows';
export * from './imports.orders';
