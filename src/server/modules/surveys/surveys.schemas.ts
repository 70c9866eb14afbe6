/** The surveys module's schemas live in src/shared/surveys.ts, shared with the web; they also generate the OpenAPI document. */
export * from '../../../shared/surveys';
