import { z } from 'zod';
import { requiredText, TimestampSchema } from './common';

// Integration keys: /v1/admin/integration-keys (admins only). An integration (a 12345 hotline's
// system, a city app) sends one as Open311's `api_key` to post messages for a site.

/** A key as admins see it: never the key itself, which is shown once, when issued. */
export const IntegrationKeySchema = z.object({
  id: z.string(),
  label: z.string().describe('who uses it, e.g. 12345热线平台'),
  prefix: z.string().describe('the key’s first characters, to tell keys apart'),
  createdAt: TimestampSchema,
  revokedAt: TimestampSchema.nullable().describe('null while it works'),
  lastUsedAt: TimestampSchema.nullable().describe('the last message posted with it (null: never)'),
});
export type IntegrationKey = z.infer<typeof IntegrationKeySchema>;

export const CreateIntegrationKeyInputSchema = z.object({
  label: requiredText(50),
});
export type CreateIntegrationKeyInput = z.input<typeof CreateIntegrationKeyInputSchema>;

/** `201` answer to issuing a key: the key itself, this once. */
export const IssuedIntegrationKeySchema = IntegrationKeySchema.extend({
  apiKey: z.string().describe('shown once: the service keeps only a hash of it'),
});
export type IssuedIntegrationKey = z.infer<typeof IssuedIntegrationKeySchema>;
