/** The work-order module's schemas live in src/shared/workorders.ts, shared with the web; they also generate the OpenAPI document. */
export * from '../../../shared/workorders';
