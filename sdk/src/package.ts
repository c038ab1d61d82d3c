// What `@liuyan/sdk` exports: the clients, their error, and the helpers a page or a server uses to
// speak as the widget and the console do. Nothing here loads a schema library at run time: the
// schemas' types come along as types only (`sdk/package.json` builds from this file).
export { createClient, newIdempotencyKey, newSupporterToken } from './client';
export type { CallOptions, ClientOptions, LiuyanClient, RetryNotice, SubmitOptions } from './client';
export { createConsoleClient, MESSAGE_ACTION_PATHS } from './console-client';
export type { ConsoleClient, ConsoleClientOptions, MessageActions } from './console-client';
export { LiuyanError } from './errors';
export { BOOKMARK_HEADER } from './request';
export * from './error-messages';
export { errorCatalogs, labelCatalogs } from './locales';
export * from './vocabulary';
export * from './codes';
export { LIMITS } from './limits';
export { textLength, textProblem, visibleLength } from './text';
export { displayName } from './display-name';
export type * from './schemas/common';
export type * from './schemas/error';
export type * from './schemas/message';
export type * from './schemas/site';
export type * from './schemas/console';
export type * from './schemas/auth';
export type * from './schemas/admin';
export type * from './schemas/audit';
export type * from './schemas/my-data';
export type * from './schemas/campaign';
export type * from './schemas/stats';
export type * from './schemas/integration-key';
export type * from './schemas/webhook';
export { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WebhookVerificationError } from './webhooks';
export type { VerifyWebhookOptions, WebhookVerificationFailure } from './webhooks';
export type * from './schemas/notifications';
export type * from './schemas/photo';
export type * from './schemas/protection';
export type * from './schemas/string-overrides';
