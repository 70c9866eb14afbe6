export * from './phone';
export * from './letter-routing';
export * from './channels';
export * from './coordination-sheet';
export * from './identity-proof';
export * from './real-estate';
export * from './name-mask';
