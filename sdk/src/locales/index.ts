import type { ErrorCatalog, Locale } from '../error-messages';
import { enErrors } from './en';
import { zhCNErrors } from './zh-cn';

/** Every language at once, for the service. Browsers import only the one they show. */
export const errorCatalogs: Record<Locale, ErrorCatalog> = { 'zh-CN': zhCNErrors, en: enErrors };
