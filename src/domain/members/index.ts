export * from './members.activities';
export * from './members.handbook';
export * from './members.points';
