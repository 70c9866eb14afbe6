export * from './imports.fields';
export * from './imports.rows';
