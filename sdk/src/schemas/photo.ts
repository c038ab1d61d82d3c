import { z } from 'zod';
import { LIMITS } from '../limits';
import { withCode } from './error';

// Photos with a message (issue 15): uploaded one by one (POST /v1/sites/{site}/photos, the raw bytes),
// then named by the submission. The service reads the type from the bytes and strips all metadata.

/** `POST /v1/sites/{site}/photos`: the stored photo. */
export const PhotoUploadedSchema = z.object({
  photoId: z.string().describe('random; name it in the submission’s `photos`').meta({ examples: ['ph_k3m9x2q7w8e4r5t6'] }),
  width: z.number().int().describe('pixels'),
  height: z.number().int().describe('pixels'),
  bytes: z.number().int().describe('size as stored, after metadata was removed'),
  sha256: z.string().describe('hex SHA-256 of the stored bytes'),
});

/** One photo named by a submission. */
export const PhotoRefInputSchema = z.object({
  id: z.string().min(1).max(64),
  isPublic: z.boolean().optional().describe('shown on the public board with the message; default: the message’s own isPublic'),
});

export const PhotoRefsInputSchema = z.array(PhotoRefInputSchema).max(LIMITS.photosMax, withCode('too_many_photos'))
  .describe(`photos uploaded before (at most ${LIMITS.photosMax}), in the order to show them`);

/** A photo as the public sees it: `url` is a GET, its content hash in the path (cached for ever). */
export const PublicPhotoSchema = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  url: z.string().meta({ examples: ['/v1/sites/demo/photos/ph_k3m9x2q7w8e4r5t6/9f86d081884c7d65'] }),
});

/**
 * A photo as its author and officials see it. `url`: for officials a GET with the console session; for
 * the author the path to POST the tracking code to (`{"trackingCode": …}`), a code never being in a URL.
 */
export const PhotoSchema = PublicPhotoSchema.extend({
  isPublic: z.boolean(),
  bytes: z.number().int(),
  sha256: z.string(),
});

export type PhotoUploaded = z.infer<typeof PhotoUploadedSchema>;
export type PhotoRefInput = z.infer<typeof PhotoRefInputSchema>;
export type PublicPhoto = z.infer<typeof PublicPhotoSchema>;
export type Photo = z.infer<typeof PhotoSchema>;
