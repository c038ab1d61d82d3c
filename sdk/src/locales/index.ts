import { withOfficialMessages, type FieldMessages, type Locale, type ProblemTitles } from '../error-messages';
import { enFieldMessages, enOfficialFieldMessages, enProblemTitles } from './en';
import { zhCNFieldMessages, zhCNOfficialFieldMessages, zhCNProblemTitles } from './zh-cn';
import type { Vocabulary } from '../vocabulary';
import { enKindLabels, enProgressLabels } from './labels.en';
import { zhCNKindLabels, zhCNProgressLabels } from './labels.zh-cn';

/** Every language at once, for the service. Browsers import only the one they show. */
export const errorCatalogs: Record<Locale, { fields: FieldMessages; problems: ProblemTitles }> = {
  'zh-CN': { fields: withOfficialMessages(zhCNFieldMessages, zhCNOfficialFieldMessages), problems: zhCNProblemTitles },
  en: { fields: withOfficialMessages(enFieldMessages, enOfficialFieldMessages), problems: enProblemTitles },
};

/** Every language's labels of codes (statuses, events, types …), for the service (the CSV export). */
export const labelCatalogs: Record<Locale, Vocabulary> = {
  'zh-CN': { ...zhCNKindLabels, ...zhCNProgressLabels },
  en: { ...enKindLabels, ...enProgressLabels },
};
