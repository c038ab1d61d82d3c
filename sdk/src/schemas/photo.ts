import { z } from 'zod';
import { REJECT_REASONS } from '../codes';
import { LIMITS } from '../limits';
import { optionalText } from './common';
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

/**
 * A photo as the public sees it: `url` is a GET, its content hash in the path (cached for ever);
 * `thumbnailUrl` its small version for cards (long edge about 320 px), or the photo itself when the
 * uploader sent none. Hidden photos are never listed.
 */
export const PublicPhotoSchema = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  url: z.string().meta({ examples: ['/v1/sites/demo/photos/ph_k3m9x2q7w8e4r5t6/9f86d081884c7d65'] }),
  thumbnailUrl: z.string().describe('the small version, for cards and lists; the photo itself when there is none')
    .meta({ examples: ['/v1/sites/demo/photos/ph_k3m9x2q7w8e4r5t6/9f86d081884c7d65?size=thumbnail'] }),
});

/** Why a moderator hid a photo: a reason code (as for a message) and their words to the author. */
export const PhotoHidingSchema = z.object({
  reason: z.enum(REJECT_REASONS),
  note: z.string().nullable(),
  at: z.string().describe('when it was hidden (the site’s time, ISO 8601)'),
});

/** `POST /v1/console/photos/{id}/hide`: the reason the author is told, and optional words. */
export const HidePhotoInputSchema = z.object({
  reason: z.enum(REJECT_REASONS),
  note: optionalText(500, { multiline: true }).optional().describe('to the author, with the reason'),
});

/**
 * A photo as its author and officials see it. `url`: for officials a GET with the console session; for
 * the author the path to POST the tracking code to (`{"trackingCode": …}`), a code never being in a URL.
 */
export const PhotoSchema = PublicPhotoSchema.extend({
  isPublic: z.boolean(),
  bytes: z.number().int(),
  sha256: z.string(),
  hidden: PhotoHidingSchema.nullable().describe('set when a moderator hid it from the public (its author and officials still see it)'),
});

/** A reply's photos named by the reply (uploaded before by the same official), in order. */
export const ReplyPhotoRefsInputSchema = z.array(z.string().min(1).max(64)).max(LIMITS.photosMax, withCode('too_many_photos'))
  .describe(`ids of photos the official uploaded for this reply (at most ${LIMITS.photosMax}), in the order to show them`);

export type PhotoUploaded = z.infer<typeof PhotoUploadedSchema>;
export type PhotoRefInput = z.infer<typeof PhotoRefInputSchema>;
export type PublicPhoto = z.infer<typeof PublicPhotoSchema>;
export type Photo = z.infer<typeof PhotoSchema>;
export type PhotoHiding = z.infer<typeof PhotoHidingSchema>;
export type HidePhotoInput = z.infer<typeof HidePhotoInputSchema>;
