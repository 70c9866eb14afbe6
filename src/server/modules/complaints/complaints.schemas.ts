/** The complaints module's schemas live in src/shared/complaints.ts, shared with the web; they also generate the OpenAPI document. */
export * from '../../../shared/complaints';
