export * from './workspace';
export * from './redis';
export * from './backend-process';
