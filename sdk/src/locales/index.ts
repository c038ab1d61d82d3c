import { withOfficialMessages, type FieldMessages, type Locale, type ProblemTitles } from '../error-messages';
import { enFieldMessages, enOfficialFieldMessages, enProblemTitles } from './en';
import { zhCNFieldMessages, zhCNOfficialFieldMessages, zhCNProblemTitles } from './zh-cn';
import { zhTWFieldMessages, zhTWOfficialFieldMessages, zhTWProblemTitles } from './zh-tw';
import type { Vocabulary } from '../vocabulary';
import { enKindLabels, enProgressLabels } from './labels.en';
import { zhCNKindLabels, zhCNProgressLabels } from './labels.zh-cn';
import { zhTWKindLabels, zhTWProgressLabels } from './labels.zh-tw';

/** Every language at once, for the service. Browsers import only the one they show. */
export const errorCatalogs: Record<Locale, { fields: FieldMessages; problems: ProblemTitles }> = {
  'zh-CN': { fields: withOfficialMessages(zhCNFieldMessages, zhCNOfficialFieldMessages), problems: zhCNProblemTitles },
  en: { fields: withOfficialMessages(enFieldMessages, enOfficialFieldMessages), problems: enProblemTitles },
  'zh-TW': { fields: withOfficialMessages(zhTWFieldMessages, zhTWOfficialFieldMessages), problems: zhTWProblemTitles },
};

/** Every language's labels of codes (statuses, events, types …), for the service (the CSV export). */
export const labelCatalogs: Record<Locale, Vocabulary> = {
  'zh-CN': { ...zhCNKindLabels, ...zhCNProgressLabels },
  en: { ...enKindLabels, ...enProgressLabels },
  'zh-TW': { ...zhTWKindLabels, ...zhTWProgressLabels },
};
