import type { FieldMessages, Locale, ProblemTitles } from '../error-messages';
import { enFieldMessages, enProblemTitles } from './en';
import { zhCNFieldMessages, zhCNProblemTitles } from './zh-cn';

/** Every language at once, for the service. Browsers import only the one they show. */
export const errorCatalogs: Record<Locale, { fields: FieldMessages; problems: ProblemTitles }> = {
  'zh-CN': { fields: zhCNFieldMessages, problems: zhCNProblemTitles },
  en: { fields: enFieldMessages, problems: enProblemTitles },
};
