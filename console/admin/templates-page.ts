import { html, nothing } from 'lit';
import type { CreateReplyTemplateInput, ReplyTemplate, UpdateReplyTemplateInput } from '../../sdk/src/schemas/admin';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { AdminElement, type FormValues } from './admin-element';

const ADD = 'add';
// In characters, as sdk/src/schemas/admin.ts checks them.
const TITLE_MAX = 50;
const BODY_MAX = 2000;

type Open = { id: string; form: 'edit' | 'remove' } | null;

/**
 * @summary 回复模板: the texts responders may start a reply from; add, edit, delete.
 */
export class LiuyanConsoleAdminTemplates extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    templates: { state: true },
    loadError: { state: true },
    open: { state: true },
  };

  private templates: ReplyTemplate[] | null = null;
  private loadError = '';
  private open: Open = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.templates = await this.officials.admin.replyTemplates.list();
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  protected override fieldNames(): FieldNames {
    const { title, body } = this.a.templates.fieldNames;
    return { labels: { title, body } };
  }

  /** Refuses, before sending, what the service would refuse in a template form. */
  private refusedTemplate(scope: string, v: FormValues): boolean {
    return this.refused(scope, failures({
      title: this.textCheck('title', v.raw('title'), { min: 1, max: TITLE_MAX }),
      body: this.textCheck('body', v.raw('body'), { min: 1, max: BODY_MAX, multiline: true }),
    }));
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    if (this.refusedTemplate(ADD, v)) return;
    const input: CreateReplyTemplateInput = { title: v.text('title'), body: v.text('body') };
    const created = await this.change(ADD, () => this.officials.admin.replyTemplates.create(input), this.a.templates.created);
    if (!created) return;
    this.templates = [...(this.templates ?? []), created];
    this.resetForm(form);
  }

  private async saveEdit(event: Event, template: ReplyTemplate): Promise<void> {
    event.preventDefault();
    const v = AdminElement.values(event.target as HTMLFormElement);
    if (this.refusedTemplate(template.id, v)) return;
    const input: UpdateReplyTemplateInput = { title: v.text('title'), body: v.text('body') };
    const saved = await this.change(template.id, () => this.officials.admin.replyTemplates.update(template.id, input), this.a.saved);
    if (!saved) return;
    this.templates = (this.templates ?? []).map((x) => (x.id === saved.id ? saved : x));
    this.open = null;
  }

  private async removeTemplate(template: ReplyTemplate): Promise<void> {
    const removed = await this.change(template.id, async () => {
      await this.officials.admin.replyTemplates.remove(template.id);
      return true;
    }, this.a.templates.removed);
    if (!removed) return;
    this.templates = (this.templates ?? []).filter((x) => x.id !== template.id);
    this.open = null;
  }

  private toggle(template: ReplyTemplate, form: 'edit' | 'remove'): void {
    this.clearMessages();
    const same = this.open?.id === template.id && this.open.form === form;
    this.open = same ? null : { id: template.id, form };
    this.forgetTyped(`title-${template.id}`, `body-${template.id}`);
    // The question before 删除 takes the focus itself (`confirmPanel`); the edit form's first field is focused here.
    if (!same && form === 'edit') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel input')?.focus());
  }

  override render() {
    const a = this.a.templates;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.templates) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      ${this.renderDone()}
      ${this.templates.length === 0 ? html`<p class="muted">${a.empty}</p>`
        : html`<ul class="list" part="templates">${this.templates.map((x) => this.renderTemplate(x))}</ul>`}
      <form class="stack card" novalidate @submit=${this.add} aria-labelledby="add-template-title">
        <h2 id="add-template-title">${a.addTitle}</h2>
        ${this.fields(ADD, null)}
        ${this.formError(ADD)}
        <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${this.a.add}</button></div>
      </form>`;
  }

  private fields(scope: string, template: ReplyTemplate | null) {
    const a = this.a.templates;
    const id = (name: string) => `${name}-${scope}`;
    return html`<div class="field">
        <label for=${id('title')}>${a.name}${this.requiredMark()}</label>
        <input id=${id('title')} name="title" .value=${template?.title ?? ''} aria-invalid=${this.invalid(scope, 'title')}
          aria-describedby=${idRefs(this.errorRef(scope, 'title', id('title-error')), this.counterId(id('title'))) ?? nothing} @input=${this.onTyped} />
        ${this.counter(id('title'), TITLE_MAX, template?.title)}
        ${this.fieldError(scope, 'title', id('title-error'))}
      </div>
      <div class="field">
        <label for=${id('body')}>${a.body}${this.requiredMark()}</label>
        <textarea id=${id('body')} name="body" rows="5" .value=${template?.body ?? ''} aria-invalid=${this.invalid(scope, 'body')}
          aria-describedby=${idRefs(this.errorRef(scope, 'body', id('body-error')), this.counterId(id('body'))) ?? nothing} @input=${this.onTyped}></textarea>
        ${this.counter(id('body'), BODY_MAX, template?.body)}
        ${this.fieldError(scope, 'body', id('body-error'))}
      </div>`;
  }

  private renderTemplate(x: ReplyTemplate) {
    const a = this.a.templates;
    const open = this.open?.id === x.id ? this.open.form : null;
    return html`<li class="list-item">
      <div class="list-main"><strong>${this.written(x.title)}</strong></div>
      <div class="body template-body">${this.written(x.body)}</div>
      <div class="buttons compact">
        <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-expanded=${String(open === 'edit')}
          aria-label=${this.named(this.a.edit, x.title)} @click=${() => this.toggle(x, 'edit')}>${this.a.edit}</button>
        <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-expanded=${String(open === 'remove')}
          aria-label=${this.named(this.a.remove, x.title)} @click=${() => this.toggle(x, 'remove')}>${this.a.remove}</button>
      </div>
      ${open === 'edit' ? html`<form class="stack panel" novalidate @submit=${(e: Event) => this.saveEdit(e, x)}
          aria-label=${format(a.editTitle, { title: x.title })}>
          ${this.fields(x.id, x)}
          ${this.formError(x.id)}
          <div class="buttons">
            <button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : this.a.save}</button>
            <button type="button" class="secondary" @click=${() => { this.open = null; this.clearMessages(); }}>${this.a.cancel}</button>
          </div>
        </form>`
        : open === 'remove' ? this.confirmPanel({
          label: this.named(this.a.remove, x.title), question: this.formatWritten(a.removeConfirm, { title: x.title }), scope: x.id,
          action: this.a.confirmRemove, run: () => this.removeTemplate(x), cancel: () => { this.open = null; },
        })
        : this.formError(x.id)}
    </li>`;
  }
}

defineElement('liuyan-console-admin-templates', LiuyanConsoleAdminTemplates);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-templates': LiuyanConsoleAdminTemplates;
  }
}
