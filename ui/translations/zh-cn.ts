import type { PublicFieldMessages } from '../../sdk/src/error-messages';
import { zhCNFieldSentences } from '../../sdk/src/locales/sentences.zh-cn';
import { baseZhCN, type BaseStrings, type Widen } from './base.zh-cn';

export type { BaseStrings, Widen };

/** The common strings (base.zh-cn.ts) with the sentences of field errors: what every element but the form starts from. */
export type CommonStrings = Omit<BaseStrings, 'errors'> & { errors: PublicFieldMessages };

export const commonZhCN: CommonStrings = { ...baseZhCN, errors: { ...baseZhCN.errors, ...zhCNFieldSentences } };
