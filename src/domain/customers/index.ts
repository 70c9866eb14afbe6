export * from './phone';
export * from './letter-routing';
