export * from './platform.ts';
export * from './users.ts';
export * from './pupils.ts';
export * from './audit.ts';
