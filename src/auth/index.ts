export * from './authenticator';
export * from './caller';
export * from './config';
export * from './errors';
export * from './roles';
