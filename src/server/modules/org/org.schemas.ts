/** The organisation module's request and response schemas live in src/shared (decision 0013). */
export * from '../../../shared/org';
