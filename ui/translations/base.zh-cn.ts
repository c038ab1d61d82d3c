import type { FieldNames } from '../../sdk/src/error-messages';
import { zhCNFieldNames } from '../../sdk/src/locales/zh-cn';
import { zhCNKindLabels } from '../../sdk/src/locales/labels.zh-cn';
import type { MessageKindLabels } from '../../sdk/src/vocabulary';

/**
 * Strings every element shows, in Chinese (the default), with the service's names of fields but not
 * its sentences of field errors: `<liuyan-form>` starts from these and fetches the sentences once the
 * citizen is writing; the other elements read `common*` (ui/translations/zh-cn.ts), which adds them.
 * Each element adds its own strings (`<element>/strings.<lang>.ts`), so a page loads only what it shows.
 */
const common = {
  loading: '正在加载…',
  tryAgain: '重试',
  networkError: '网络连接失败，请检查网络后重试。',
  /** The page's origin is not in the site's allow-list: the citizen cannot fix it, the site's editor can. */
  /** `{origin}`: this page's, as the site's admin must add it (the editor placing the box reads this first). */
  notAllowed: '本网站尚未开通留言板，暂时无法在此留言或查看。请联系本网站的管理员（须在留言办理平台的站点设置中允许 {origin}）。',
  /** `{wait}`: how long, in minutes or hours (`waitText`). */
  tooManyRequests: '操作太频繁，请{wait}后再试。',
  /** The count for the phone number given is full (a day's messages, or SMS codes): said, so the citizen does not just wait and retry blindly. */
  tooManyForPhone: '这个手机号提交得太频繁，请{wait}后再试。',
  /** A wait under an hour and a half, and a longer one (a day's limit reached): `waitText`. */
  waitMinutes: '{n}分钟',
  waitHours: '{n}小时',
  dueAt: '办理期限：{date}',
  private: '不公开',
  /** A field's counter: characters typed of the most allowed (ui/text-rules.ts). */
  counter: '{count}/{max}',
  /** Between the sentences of one notice (several things refused at once). */
  sentenceSeparator: '；',
  /**
   * Said once, beside the send button, when a form is sent with answers to correct: the fields'
   * own lines say what is wrong with each, and are not announced one by one (nine alerts at once).
   */
  fixFields: '有{n}处填写有误，请按各项下方的提示修改。',
} as const;

export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The common strings with the field names only (`errors.fields`). */
export type BaseStrings = Widen<typeof common> & MessageKindLabels & { errors: FieldNames };

export const baseZhCN: BaseStrings = { ...common, ...zhCNKindLabels, errors: zhCNFieldNames };
