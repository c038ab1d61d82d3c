import { withOfficialMessages, type FieldMessages, type Locale, type Open311Notices, type ProblemTitles, type PublicFieldMessages } from '../error-messages';
import { enFieldNames, enOfficialFieldMessages, enOpen311Notices, enProblemTitles } from './en';
import { zhCNFieldNames, zhCNOfficialFieldMessages, zhCNOpen311Notices, zhCNProblemTitles } from './zh-cn';
import { zhTWFieldNames, zhTWOfficialFieldMessages, zhTWOpen311Notices, zhTWProblemTitles } from './zh-tw';
import { enFieldSentences } from './sentences.en';
import { zhCNFieldSentences } from './sentences.zh-cn';
import { zhTWFieldSentences } from './sentences.zh-tw';
import type { Vocabulary } from '../vocabulary';
import { enKindLabels, enProgressLabels } from './labels.en';
import { zhCNKindLabels, zhCNProgressLabels } from './labels.zh-cn';
import { zhTWKindLabels, zhTWProgressLabels } from './labels.zh-tw';

/**
 * The public field names with their errors' sentences, by language: what the service answers the
 * public with. The two live in files of their own (`<lang>.ts`, `sentences.<lang>.ts`) so that the
 * form can fetch the sentences later than the names; everyone else reads them joined.
 */
export const publicFieldMessages: Record<Locale, PublicFieldMessages> = {
  'zh-CN': { ...zhCNFieldNames, ...zhCNFieldSentences },
  en: { ...enFieldNames, ...enFieldSentences },
  'zh-TW': { ...zhTWFieldNames, ...zhTWFieldSentences },
};

/** Every language at once, for the service. Browsers import only the one they show. */
export const errorCatalogs: Record<Locale, { fields: FieldMessages; problems: ProblemTitles }> = {
  'zh-CN': { fields: withOfficialMessages(publicFieldMessages['zh-CN'], zhCNOfficialFieldMessages), problems: zhCNProblemTitles },
  en: { fields: withOfficialMessages(publicFieldMessages.en, enOfficialFieldMessages), problems: enProblemTitles },
  'zh-TW': { fields: withOfficialMessages(publicFieldMessages['zh-TW'], zhTWOfficialFieldMessages), problems: zhTWProblemTitles },
};

/** Every language's labels of codes (statuses, events, types …), for the service (the CSV export). */
export const labelCatalogs: Record<Locale, Vocabulary> = {
  'zh-CN': { ...zhCNKindLabels, ...zhCNProgressLabels },
  en: { ...enKindLabels, ...enProgressLabels },
  'zh-TW': { ...zhTWKindLabels, ...zhTWProgressLabels },
};

/** An Open311 POST's `service_notice` in each language, for the service. */
export const open311Notices: Record<Locale, Open311Notices> = { 'zh-CN': zhCNOpen311Notices, en: enOpen311Notices, 'zh-TW': zhTWOpen311Notices };
