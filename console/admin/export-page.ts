import { html, nothing } from 'lit';
import { fieldErrorMessage } from '../../sdk/src/error-messages';
import type { ExportQuery } from '../../sdk/src/schemas/admin';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { AdminElement } from './admin-element';

/**
 * @summary 导出: the site's messages as a CSV download, for a range of days if wanted; contact details
 * only when asked for, with a warning that the service writes that export to the audit log.
 */
export class LiuyanConsoleAdminExport extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    from: { state: true },
    to: { state: true },
    contact: { state: true },
  };

  private from = '';
  private to = '';
  private contact = false;

  /** A plain link: the browser downloads it with the session cookie (same origin), streaming to disk. */
  private href(): string {
    const query: ExportQuery = {
      ...(this.from && { from: this.from }),
      ...(this.to && { to: this.to }),
      ...(this.contact && { contact: '1' }),
      // The file speaks the console's language, whatever the browser's own.
      lang: this.locale,
    };
    return this.officials.exportUrl(query);
  }

  override render() {
    const a = this.a.export;
    // Days written YYYY-MM-DD compare as text; the service refuses a range that ends before it starts.
    const backwards = Boolean(this.from && this.to && this.from > this.to);
    const toError = backwards ? fieldErrorMessage(this.t.errors, 'to', 'before_start') : '';
    return html`<h1>${a.title}</h1>
      <section class="stack card" aria-labelledby="export-title">
        <p id="export-title">${a.intro}</p>
        <div class="field-row">
          <div class="field">
            <label for="from">${a.from}</label>
            <input id="from" type="date" .value=${this.from} @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="to">${a.to}</label>
            <input id="to" type="date" .value=${this.to} @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}
              aria-invalid=${backwards ? 'true' : 'false'} aria-describedby=${idRefs(toError && 'to-error') ?? nothing} />
            ${toError ? html`<p class="error" id="to-error" role="alert">${toError}</p>` : nothing}
          </div>
        </div>
        <label class="choice"><input type="checkbox" .checked=${this.contact} aria-describedby=${idRefs(this.contact && 'contact-warning') ?? nothing}
          @change=${(e: Event) => (this.contact = (e.target as HTMLInputElement).checked)} />${a.contact}</label>
        ${this.contact ? html`<p class="notice warning" id="contact-warning" role="alert">${a.contactWarning}</p>` : nothing}
        <div class="buttons">
          ${backwards ? nothing : html`<a class="button" part="export-link" href=${this.href()} download>
            ${this.contact ? a.downloadWithContact : a.download}</a>`}
        </div>
      </section>`;
  }
}

defineElement('liuyan-console-admin-export', LiuyanConsoleAdminExport);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-export': LiuyanConsoleAdminExport;
  }
}
