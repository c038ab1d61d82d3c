import { html, nothing, type PropertyValues } from 'lit';
import type { CalendarDay, CalendarInput } from '../../sdk/src/schemas/admin';
import { defineElement } from '../../ui/liuyan-element';
import { format } from '../../ui/localize';
import { failures } from '../console-element';
import { adminHash } from '../routes';
import { AdminElement } from './admin-element';

const ADD = 'add';
const YEAR = 'year';
const YEARS = { min: 2000, max: 2100 };
const KINDS = ['holiday', 'workday'] as const;
/** A day's name, in characters, as sdk/src/schemas/admin.ts checks it. */
const NAME_MAX = 50;

/** This year where the site is (China time), whatever the official's clock zone. */
const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/**
 * @summary 工作日历: a year's public holidays and make-up working days (调休), which deadlines count
 * with. The service replaces a year at a time, so each change sends the year's whole list.
 */
export class LiuyanConsoleAdminCalendar extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    year: { type: Number },
    days: { state: true },
    loadError: { state: true },
  };

  /** The year shown; from the address (`#/admin/calendar?year=2027`), else this year. */
  year = thisYear();
  private days: CalendarDay[] | null = null;
  private loadError = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('year')) void this.load();
  }

  private async load(): Promise<void> {
    const year = this.year;
    this.days = null;
    this.loadError = '';
    this.clearMessages();
    try {
      const days = await this.service.get<CalendarDay[]>(`/v1/admin/calendar?year=${year}`);
      if (year === this.year) this.days = days;
    } catch (error) {
      if (year === this.year) this.loadError = this.problemText(error);
    }
  }

  private async saveYear(scope: string, days: CalendarInput['days'], done: string): Promise<boolean> {
    const saved = await this.change(scope, () => this.service.put<CalendarDay[]>('/v1/admin/calendar', { year: this.year, days }), done);
    if (saved) this.days = saved;
    return saved !== undefined;
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const day = v.text('day');
    const existing = this.days ?? [];
    // The new day goes last, so its errors are `days.<count>.*`.
    const field = (name: string) => `days.${existing.length}.${name}`;
    if (this.refused(ADD, failures({
      [field('day')]: day ? '' : this.fieldMessage(field('day'), 'required'),
      [field('name')]: this.textCheck(field('name'), v.raw('name'), { max: NAME_MAX }),
    }))) return;
    const added = { day, kind: v.raw('kind') === 'workday' ? 'workday' as const : 'holiday' as const, name: v.text('name') || null };
    if (await this.saveYear(ADD, [...existing, added], this.a.calendar.added)) this.resetForm(form);
  }

  private removeDay(day: CalendarDay): void {
    void this.saveYear(`day-${day.day}`, (this.days ?? []).filter((d) => d.day !== day.day), this.a.calendar.removed);
  }

  private show(event: Event): void {
    event.preventDefault();
    const year = AdminElement.values(event.target as HTMLFormElement).text('year');
    if (this.refused(YEAR, failures({ year: this.integerCheck('year', year, YEARS) }))) return;
    location.hash = adminHash('calendar', Number(year));
  }

  override render() {
    const a = this.a.calendar;
    const y = this.year;
    const newIndex = this.days?.length ?? 0;
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      <form class="buttons year-picker" novalidate @submit=${this.show}>
        <a class="button secondary" href=${adminHash('calendar', y - 1)} aria-label="${a.previousYear} ${y - 1}">← ${y - 1}</a>
        <label class="visually-hidden" for="year">${a.year}</label>
        <input id="year" name="year" type="number" inputmode="numeric" min=${YEARS.min} max=${YEARS.max} .value=${String(y)} class="year"
          aria-invalid=${this.invalid(YEAR, 'year')} aria-describedby="year-error" />
        <button type="submit" class="secondary">${a.show}</button>
        <a class="button secondary" href=${adminHash('calendar', y + 1)} aria-label="${a.nextYear} ${y + 1}">${y + 1} →</a>
      </form>
      ${this.fieldError(YEAR, 'year', 'year-error')}
      ${this.renderDone()}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${this.days === null ? (this.loadError ? nothing : html`<p class="muted" role="status">${this.t.loading}</p>`) : this.renderDays(this.days)}
      <form class="stack card" novalidate @submit=${this.add} aria-labelledby="add-day-title">
        <h2 id="add-day-title">${a.addTitle}</h2>
        <div class="field">
          <label for="day">${a.day}${this.requiredMark()}</label>
          <input id="day" name="day" type="date" min="${y}-01-01" max="${y}-12-31"
            aria-invalid=${this.invalid(ADD, `days.${newIndex}.day`)} aria-describedby="day-error" />
          ${this.fieldError(ADD, `days.${newIndex}.day`, 'day-error')}
        </div>
        <div class="field">
          <label for="kind">${a.kind}</label>
          <select id="kind" name="kind" aria-invalid=${this.invalid(ADD, `days.${newIndex}.kind`)} aria-describedby="kind-error">
            ${KINDS.map((k) => html`<option value=${k}>${a.kinds[k]}</option>`)}
          </select>
          ${this.fieldError(ADD, `days.${newIndex}.kind`, 'kind-error')}
        </div>
        <div class="field">
          <label for="day-name">${a.name}</label>
          <input id="day-name" name="name" placeholder=${a.namePlaceholder} aria-invalid=${this.invalid(ADD, `days.${newIndex}.name`)}
            aria-describedby="day-name-error day-name-counter" @input=${this.onTyped} />
          ${this.counter('day-name', NAME_MAX)}
          ${this.fieldError(ADD, `days.${newIndex}.name`, 'day-name-error')}
        </div>
        ${this.formError(ADD)}
        <div class="buttons"><button type="submit" ?disabled=${this.busy || this.days === null}>${this.a.add}</button></div>
      </form>`;
  }

  private renderDays(days: CalendarDay[]) {
    const a = this.a.calendar;
    if (days.length === 0) return html`<p class="muted">${format(a.empty, { year: this.year })}</p>`;
    return html`<ul class="list" part="calendar-days">
      ${days.map((d) => html`<li class="list-item">
        <div class="list-main">
          <strong><time datetime=${d.day}>${d.day}</time></strong>
          <span class="badge">${a.kinds[d.kind]}</span>
          ${d.name ? html`<span>${d.name}</span>` : nothing}
        </div>
        <button type="button" class="secondary" ?disabled=${this.busy} aria-label=${format(a.removeDay, { day: d.day })}
          @click=${() => this.removeDay(d)}>${this.a.remove}</button>
        ${this.formError(`day-${d.day}`)}
      </li>`)}
    </ul>`;
  }
}

defineElement('liuyan-console-admin-calendar', LiuyanConsoleAdminCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-calendar': LiuyanConsoleAdminCalendar;
  }
}
