import { z } from 'zod';
import { TimestampSchema } from './common';
import { TrackedMessageSchema } from './message';

// My data: with the tracking code (in the body, never in a URL), the citizen downloads everything
// stored about their message, and can erase their contact details.

/** The contact details as the citizen gave them; all null once erased. */
export const MyContactSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable().describe('as officials dial it, e.g. 139 1234 5678'),
  email: z.string().nullable(),
  erasedAt: TimestampSchema.nullable().describe('when the citizen erased them; null while they are kept'),
});
export type MyContact = z.infer<typeof MyContactSchema>;

/** `POST /v1/sites/:site/my-data`: everything stored about one message, for its author. */
export const MyDataSchema = z.object({
  exportedAt: TimestampSchema,
  message: TrackedMessageSchema.describe('the message, its replies and its timeline, as the author sees them'),
  contact: MyContactSchema,
  sourceOrigin: z.string().nullable().describe('the website the message was sent from'),
  supportCount: z.number().int().describe('how many readers supported it (我也关注); who they are is not stored'),
  ratings: z.array(z.object({
    overall: z.number().int(), resolution: z.number().int(), attitude: z.number().int(), speed: z.number().int(),
    reason: z.string().nullable(), createdAt: TimestampSchema,
  })),
  followUps: z.array(z.object({ body: z.string(), createdAt: TimestampSchema })),
});
export type MyData = z.infer<typeof MyDataSchema>;

/** `POST /v1/sites/:site/my-data/erase`: the contact details are erased (asking again changes nothing). */
export const ErasedSchema = z.object({
  erasedAt: TimestampSchema,
});
export type Erased = z.infer<typeof ErasedSchema>;
