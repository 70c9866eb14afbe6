/** The imports module's public face (docs/decisions/0012-module-boundaries.md): the scheduler's pass and the bench. */
export {
  IMPORT_CHUNK_ROWS,
  resumeImports,
  runImport,
  setMapping,
  startImport,
  uploadImport,
} from './imports.usecases';
