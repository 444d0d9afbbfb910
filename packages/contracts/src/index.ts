export * from './enums.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './pupils.ts';
export * from './admin.ts';
