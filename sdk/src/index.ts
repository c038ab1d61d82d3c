export { createClient, newIdempotencyKey } from './client';
export type { ClientOptions, LiuyanClient, RetryNotice, SubmitOptions } from './client';
export { LiuyanError } from './errors';
export * from './error-messages';
export { errorCatalogs } from './locales';
export * from './schemas/common';
export * from './schemas/error';
export * from './schemas/message';
export * from './schemas/site';
