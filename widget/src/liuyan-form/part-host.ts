// Types only: what a part of <liuyan-form> fetched on demand takes from the form.
import type { html, nothing, TemplateResult } from 'lit';
import type { LiuyanClient } from '../../../sdk/src/client';
import type { FieldErrorCode } from '../../../sdk/src/schemas/error';
import type { FieldErrorParams } from '../../../sdk/src/error-messages';
import type { FormStrings } from './strings.zh-cn';

/**
 * What a part of the form fetched on demand (large-unit-picker.ts, verification.ts) takes from the
 * form. Lit's `html` and the form's helpers are handed over, not imported: a chunk importing Lit, or
 * any module the form's file holds, would make esbuild cut that module out of the form's file into a
 * chunk shared by both, and the alone build would no longer be one file (scripts/build-widget.ts).
 * A part keeps its own state and asks the form to render again (`requestUpdate`) when it changes.
 */
export interface PartHost {
  /** Lit's template tag and its empty value, the form's own. */
  readonly html: typeof html;
  readonly nothing: typeof nothing;
  /** `format('{n}秒', { n: 3 })` (ui/localize.ts). */
  format(template: string, params: Record<string, string | number>): string;
  /** Written text (a unit's name) as it goes into a template: marked `lang="zh"` on an English form (ui/content-lang.ts). */
  written(text: string): string | TemplateResult;
  /** One of the form's sentences with written text in it, each `{key}` marked as `written` marks it. */
  formatWritten(template: string, params: Record<string, string>): string | TemplateResult;
  /** The `lang` attribute of an element holding only written text (an `<option>`): 'zh' on an English form where it is Chinese. */
  langOf(text: string): 'zh' | typeof nothing;
  /** The form's words in its current language. */
  readonly t: FormStrings;
  /** A field's name as its label (`unitId` → 留言对象, Recipient), as the service names it: `fieldHeading`. */
  fieldLabel(field: string): string;
  /** The sentence for a field error, in the form's language. */
  fieldError(field: string, code: FieldErrorCode, params?: FieldErrorParams): string;
  /** The visible mark of a required field. */
  requiredMark(): TemplateResult;
  /** `aria-invalid` of a control: whether its field has an error. */
  invalid(id: string): 'true' | 'false';
  /** The field's error line (announced), or nothing. */
  errorLine(id: string): TemplateResult | typeof nothing;
  /** `aria-describedby` of the control `id`: its error line while shown, then `others` (lines always there); nothing when none. */
  describedBy(id: string, ...others: string[]): string | typeof nothing;
  /** A labelled field with its error (the form's `field`). */
  field(id: string, label: string, control: TemplateResult): TemplateResult;
  /** The site's API client, in the form's language. */
  client(): LiuyanClient;
  /** Sets (or clears, with '') the error of a field and moves the focus to the first error when asked. */
  setError(field: string, error: string, focus?: boolean): void;
  /**
   * A failure as the citizen is told it: the service's field errors, the seconds it asks to wait
   * before trying again (0 if none), and the sentence for the rest (`fallback` when there was no answer).
   */
  failure(error: unknown, fallback: string): { fieldErrors: { code: FieldErrorCode; params?: FieldErrorParams }[]; retryAfterSeconds: number; text: string };
  /** The `liuyan-error` event for a failure shown. */
  report(error: unknown): void;
  requestUpdate(): void;
}
