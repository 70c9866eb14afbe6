/** The customer module's schemas live in src/shared/customers.ts, shared with the web; they also generate the OpenAPI document. */
export * from '../../../shared/customers';
