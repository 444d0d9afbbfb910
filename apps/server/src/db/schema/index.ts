export * from './platform.ts';
export * from './users.ts';
export * from './pupils.ts';
export * from './audit.ts';
export * from './policy.ts';
export * from './recording.ts';
export * from './safeguarding.ts';
export * from './workflow.ts';
