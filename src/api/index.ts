export * from './exceptions';
export * from './findings';
export * from './responses';
export * from './router';
export * from './types';
export * from './validation';
export * from './me';
export * from './rules';
