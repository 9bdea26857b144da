export * from './build';
export * from './exceptions';
export * from './publish';
export * from './remediations';
