import { html, nothing } from 'lit';
import type { FieldErrorParams } from '../../sdk/src/error-messages';
import type { FieldErrorCode } from '../../sdk/src/schemas/error';
import { MIN_FILL_SECONDS, RETENTION_DAYS, WORD_LIST_MAX, WORD_MAX } from '../../sdk/src/limits';
import type { ProtectionSettings } from '../../sdk/src/schemas/protection';
import { format } from '../../ui/localize';
import { textError } from '../../ui/text-rules';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { failures, type FieldNames } from '../console-element';
import { AdminElement } from './admin-element';

const SAVE = 'protection';

/** The lines of a textarea as words, each once (the first), trimmed, empty lines dropped; with their line numbers (1-based). */
function wordsOf(text: string): { words: string[]; lines: number[] } {
  const words: string[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    const word = line.trim();
    if (!word || words.includes(word)) return;
    words.push(word);
    lines.push(i + 1);
  });
  return { words, lines };
}

const LISTS = ['bannedWords', 'holdWords'] as const;

/**
 * @summary 防滥用与保存期限: the site's banned words and words held for review, whether links and
 * phone numbers are held, the form's shortest fill-in time, Cloudflare Turnstile (site key, secret
 * write-only) and how many days after closing a message its author's contact details are kept.
 */
export class LiuyanConsoleAdminProtection extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    settings: { state: true },
    loadError: { state: true },
  };

  private settings: ProtectionSettings | null = null;
  private loadError = '';
  /** The line in its box of each word sent, by list: an error of `bannedWords.3` names the line it is on. */
  private lines: Record<(typeof LISTS)[number], number[]> = { bannedWords: [], holdWords: [] };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.settings = await this.officials.admin.protection.get();
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  protected override fieldNames(): FieldNames {
    const p = this.a.protection;
    return {
      labels: {
        bannedWords: p.bannedWords, holdWords: p.holdWords, minFillSeconds: p.minFillSeconds, turnstileSiteKey: p.turnstileSiteKey,
        turnstileSecret: p.turnstileSecret, retentionDays: p.retentionDays,
      },
    };
  }

  /** A word's error names its line: 第3行：禁用词不能超过30个字. */
  protected override fieldMessage(field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
    const word = /^(bannedWords|holdWords)\.(\d+)$/.exec(field);
    if (!word) return super.fieldMessage(field, code, params);
    const list = word[1] as (typeof LISTS)[number];
    const n = this.lines[list][Number(word[2])] ?? Number(word[2]) + 1;
    return format(this.a.protection.onLine, { n, error: super.fieldMessage(list, code, params) });
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const lists = { bannedWords: wordsOf(v.raw('bannedWords')), holdWords: wordsOf(v.raw('holdWords')) };
    this.lines = { bannedWords: lists.bannedWords.lines, holdWords: lists.holdWords.lines };
    // Checked as the service checks them (the words' limits, the list's length): a refused form sends nothing.
    const checks: Record<string, string> = {};
    for (const list of LISTS) {
      const { words } = lists[list];
      if (words.length > WORD_LIST_MAX) checks[list] = this.fieldMessage(list, 'too_many', { max: WORD_LIST_MAX });
      const problems = words.map((w) => textError(w, { max: WORD_MAX, min: 1 }));
      const bad = problems.findIndex(Boolean);
      if (bad >= 0 && !checks[list]) checks[`${list}.${bad}`] = this.fieldMessage(`${list}.${bad}`, problems[bad]!.code, problems[bad]!.params);
    }
    // An emptied number is asked for, not read as 0 (for the retention, 0 is "keep for ever").
    checks.minFillSeconds = this.integerCheck('minFillSeconds', v.raw('minFillSeconds'), MIN_FILL_SECONDS);
    checks.retentionDays = this.integerCheck('retentionDays', v.raw('retentionDays'), RETENTION_DAYS);
    if (this.refused(SAVE, failures(checks))) return;
    const saved = await this.change(SAVE, () => this.officials.admin.protection.update({
      bannedWords: lists.bannedWords.words,
      holdWords: lists.holdWords.words,
      holdLinks: v.checked('holdLinks').length > 0,
      holdPhones: v.checked('holdPhones').length > 0,
      minFillSeconds: Number(v.text('minFillSeconds')),
      turnstileSiteKey: v.text('turnstileSiteKey') || null,
      turnstileSecret: v.raw('turnstileSecret') || null,
      retentionDays: Number(v.text('retentionDays')),
    }), this.showsWithin(this.a.saved, 'site'));
    if (!saved) return;
    this.settings = saved;
    (form.elements.namedItem('turnstileSecret') as HTMLInputElement).value = '';
  }

  override render() {
    const p = this.a.protection;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.settings) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    const s = this.settings;
    // The control is drawn with the ids of the lines drawn here, the hint only when there is one, the
    // error only with an error, so it names nothing that is not there.
    const hinted = (name: string, label: string, control: (describedBy: string | typeof nothing) => unknown, hint: string) => html`<div class="field">
        <label for=${name}>${label}</label>${control(idRefs(this.errorRef(SAVE, name, `${name}-error`), hint && `${name}-hint`) ?? nothing)}
        ${hint ? html`<p class="hint muted" id="${name}-hint">${hint}</p>` : ''}
        ${this.fieldError(SAVE, name, `${name}-error`)}
      </div>`;
    const words = (name: 'bannedWords' | 'holdWords', label: string) => hinted(name, label, (describedBy) => html`<textarea id=${name} name=${name} rows="6"
        .value=${s[name].join('\n')} aria-invalid=${this.invalid(SAVE, name)} aria-describedby=${describedBy}></textarea>`, p.wordsHint);
    const number = (name: 'minFillSeconds' | 'retentionDays', label: string, value: number, max: number, hint: string) => hinted(name, label,
      (describedBy) => html`<input id=${name} name=${name} type="number" inputmode="numeric" min="0" max=${max} .value=${String(value)}
        aria-invalid=${this.invalid(SAVE, name)} aria-describedby=${describedBy} />`, hint);
    return html`<h1>${p.title}</h1>
      <p class="muted hint">${p.intro}</p>
      ${this.renderDone()}
      <form class="stack card" novalidate @submit=${this.save}>
        ${words('bannedWords', p.bannedWords)}
        ${words('holdWords', p.holdWords)}
        <label class="choice"><input type="checkbox" name="holdLinks" value="on" .checked=${s.holdLinks} />${p.holdLinks}</label>
        <label class="choice"><input type="checkbox" name="holdPhones" value="on" .checked=${s.holdPhones} />${p.holdPhones}</label>
        ${number('minFillSeconds', p.minFillSeconds, s.minFillSeconds, MIN_FILL_SECONDS.max, p.minFillHint)}
        <h2>${p.turnstileTitle}</h2>
        <p class="muted hint">${p.turnstileHint}</p>
        ${hinted('turnstileSiteKey', p.turnstileSiteKey, (describedBy) => html`<input id="turnstileSiteKey" name="turnstileSiteKey" .value=${s.turnstile.siteKey ?? ''}
          autocomplete="off" aria-invalid=${this.invalid(SAVE, 'turnstileSiteKey')} aria-describedby=${describedBy} />`, '')}
        ${hinted('turnstileSecret', p.turnstileSecret, (describedBy) => html`<input id="turnstileSecret" name="turnstileSecret" type="password" autocomplete="off"
          aria-invalid=${this.invalid(SAVE, 'turnstileSecret')} aria-describedby=${describedBy} />`,
          s.turnstile.hasSecret ? p.secretKept : p.secretHint)}
        <h2>${p.retentionTitle}</h2>
        ${number('retentionDays', p.retentionDays, s.retentionDays, RETENTION_DAYS.max, p.retentionHint)}
        ${this.formError(SAVE)}
        <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : this.a.save}</button></div>
      </form>`;
  }
}

defineElement('liuyan-console-admin-protection', LiuyanConsoleAdminProtection);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-protection': LiuyanConsoleAdminProtection;
  }
}
