/** The care module's schemas live in src/shared/care.ts, shared with the web; they also generate the OpenAPI document. */
export * from '../../../shared/care';
