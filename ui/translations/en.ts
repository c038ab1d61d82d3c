import { enFieldSentences } from '../../sdk/src/locales/sentences.en';
import { baseEn } from './base.en';
import type { CommonStrings } from './zh-cn';

export const commonEn: CommonStrings = { ...baseEn, errors: { ...baseEn.errors, ...enFieldSentences } };
