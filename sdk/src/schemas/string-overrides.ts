import { z } from 'zod';
import type { Locale } from '../languages';
import { OVERRIDABLE_STRINGS, STRING_OVERRIDE_MAX } from '../string-overrides';
import { requiredText } from './common';

/** A language Liuyan speaks, by its tag. */
export const LocaleSchema = z.enum(['zh-CN', 'zh-TW', 'en'] as const satisfies readonly Locale[]);

/** The overrides as stored and served: language → key → words (absent: the shipped string). */
export const StringOverridesSchema = z.partialRecord(LocaleSchema, z.partialRecord(z.enum(OVERRIDABLE_STRINGS), z.string()))
  .describe('the site’s own words for a few visible strings, by language (zh-CN, zh-TW, en) and key (form.submit, form.regionPlaceholder, hosted.boardName)');
export type StringOverrides = z.infer<typeof StringOverridesSchema>;

/** `PATCH /v1/admin/site` `stringOverrides`: replaces all of them; a key left out takes the shipped string again. */
export const StringOverridesInputSchema = z.partialRecord(LocaleSchema, z.partialRecord(z.enum(OVERRIDABLE_STRINGS), requiredText(STRING_OVERRIDE_MAX)))
  .describe('replaces all of the site’s own words; a key left out reads as shipped');

