import { html, nothing, type PropertyValues } from 'lit';
import { NATIONAL_HOLIDAYS } from '../../sdk/src/codes';
import type { CalendarDay, CalendarPeriodInput } from '../../sdk/src/schemas/admin';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format, formatDateTime } from '../../ui/localize';
import { failures } from '../console-element';
import { adminHash } from '../routes';
import { AdminElement } from './admin-element';

const ADD = 'add';
const IMPORT = 'import';
const YEAR = 'year';
const YEARS = { min: 2000, max: 2100 };
/** As sdk/src/schemas/admin.ts checks them: a name in characters, days off in one period, make-up days shown. */
const NAME_MAX = 50;
const WORKDAY_FIELDS = 2;

/** This year where the site is (China time), whatever the official's clock zone. */
export const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** One holiday as the page shows it: the days of the year under one name (an unnamed day stands alone). */
interface Period {
  name: string | null;
  days: CalendarDay[];
}

function periodsOf(days: readonly CalendarDay[]): Period[] {
  const periods: Period[] = [];
  const named = new Map<string, Period>();
  for (const day of days) {
    const period = day.name === null ? undefined : named.get(day.name);
    if (period) period.days.push(day);
    else {
      const created = { name: day.name, days: [day] };
      periods.push(created);
      if (day.name !== null) named.set(day.name, created);
    }
  }
  // In the order of their first day off (国庆节's make-up Sunday in September does not put it before 中秋节).
  const starts = (p: Period) => (p.days.find((d) => d.kind === 'holiday') ?? p.days[0]!).day;
  return periods.sort((a, b) => starts(a).localeCompare(starts(b)));
}

const isDayAfter = (day: string, before: string) => Date.parse(`${day}T00:00:00Z`) - Date.parse(`${before}T00:00:00Z`) === 86_400_000;

/** Days in date order → runs of consecutive days, as [first, last, count]. */
function runsOf(days: readonly string[]): [string, string, number][] {
  const runs: [string, string, number][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && isDayAfter(day, last[1])) runs[runs.length - 1] = [last[0], day, last[2] + 1];
    else runs.push([day, day, 1]);
  }
  return runs;
}

/**
 * @summary 工作日历: a year's public holidays and make-up working days (调休), which deadlines count
 * with, shown and added a holiday at a time (春节: its days off from–to and its 调休 days), or all
 * at once from the national schedule. A holiday of another year is added there, and the page goes to it.
 */
export class LiuyanConsoleAdminCalendar extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    year: { type: Number },
    days: { state: true },
    loadError: { state: true },
    confirming: { state: true },
  };

  /** The year shown; from the address (`#/admin/calendar?year=2027`), else this year. */
  year = thisYear();
  private days: CalendarDay[] | null = null;
  private loadError = '';
  /** The holiday whose removal is being confirmed (its scope, `period-<first day>`), if any. */
  private confirming = '';
  /** Said once the year the page is going to has loaded (a holiday added in another year). */
  private doneAfterLoad = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('year')) void this.load();
  }

  private async load(): Promise<void> {
    const year = this.year;
    this.days = null;
    this.loadError = '';
    this.confirming = '';
    this.clearMessages();
    this.done = this.doneAfterLoad;
    this.doneAfterLoad = '';
    try {
      const days = await this.officials.admin.calendar.get(year);
      if (year === this.year) this.days = days;
    } catch (error) {
      if (year === this.year) this.loadError = this.problemText(error);
    }
  }

  /** The page's words for the add form's fields, in error sentences. */
  protected override fieldNames() {
    const a = this.a.calendar;
    return { labels: { name: a.name, from: a.from, to: a.to } };
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const name = v.text('name');
    const from = v.text('from');
    const to = v.text('to');
    const workdays = Array.from({ length: WORKDAY_FIELDS }, (_, i) => v.text(`workday-${i}`)).filter(Boolean);
    if (this.refused(ADD, failures({
      name: this.textCheck('name', v.raw('name'), { max: NAME_MAX, min: 1 }),
      from: !from && (to || workdays.length === 0) ? this.fieldMessage('from', 'required') : '',
      to: from && to && to < from ? this.fieldMessage('to', 'before_start') : '',
    }))) return;
    const body: CalendarPeriodInput = { name, ...(from ? { from } : {}), ...(to ? { to } : {}), workdays };
    const year = Number((from || workdays[0]!).slice(0, 4));
    const a = this.a.calendar;
    const saved = await this.change(ADD, () => this.officials.admin.calendar.addPeriod(body), format(a.added, { name }));
    if (!saved) return;
    this.resetForm(form);
    if (year === this.year) {
      this.days = saved;
    } else {
      // The holiday is in another year: show that year, and say so.
      this.doneAfterLoad = format(a.addedElsewhere, { name, year });
      location.hash = adminHash('calendar', year);
    }
  }

  private async importNational(): Promise<void> {
    const year = this.year;
    const saved = await this.change(IMPORT, () => this.officials.admin.calendar.importNational({ year }),
      format(this.a.calendar.imported, { year }));
    if (saved && year === this.year) this.days = saved;
  }

  /**
   * Takes out the days this page shows for the holiday, and only those: a holiday another admin added
   * since the page was opened stays (the year replaced whole would drop it).
   */
  private async removePeriod(period: Period): Promise<void> {
    const year = this.year;
    const name = this.periodName(period);
    const saved = await this.change(`period-${period.days[0]!.day}`,
      () => this.officials.admin.calendar.removeDays({ year, days: period.days.map((d) => d.day) }), format(this.a.calendar.removed, { name }));
    if (!saved || year !== this.year) return;
    this.confirming = '';
    this.days = saved;
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
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      <form class="buttons year-picker" novalidate data-navigates @submit=${this.show}>
        <a class="button secondary" href=${adminHash('calendar', y - 1)} aria-label="${a.previousYear} ${y - 1}">← ${y - 1}</a>
        <label class="visually-hidden" for="year">${a.year}</label>
        <input id="year" name="year" type="number" inputmode="numeric" min=${YEARS.min} max=${YEARS.max} .value=${String(y)} class="year"
          aria-invalid=${this.invalid(YEAR, 'year')} aria-describedby=${this.errorRef(YEAR, 'year', 'year-error') ?? nothing} />
        <button type="submit" class="secondary">${a.show}</button>
        <a class="button secondary" href=${adminHash('calendar', y + 1)} aria-label="${a.nextYear} ${y + 1}">${y + 1} →</a>
      </form>
      ${this.fieldError(YEAR, 'year', 'year-error')}
      ${this.renderDone()}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${this.days === null ? (this.loadError ? nothing : html`<p class="muted" role="status">${this.t.loading}</p>`) : this.renderPeriods(this.days)}
      <section class="stack card" aria-labelledby="import-title">
        <h2 id="import-title">${a.importTitle}</h2>
        <p class="muted hint" id="import-hint">${format(a.importHint, { year: y })}</p>
        <div class="buttons">
          <button type="button" aria-disabled=${String(this.busy || this.days === null)} aria-describedby=${idRefs('import-hint', this.errorRef(IMPORT, 'year', 'import-error')) ?? nothing}
            @click=${this.importNational}>${format(a.importButton, { year: y })}</button>
        </div>
        ${this.fieldError(IMPORT, 'year', 'import-error')}
        ${this.formError(IMPORT)}
      </section>
      ${this.renderAddForm()}`;
  }

  private renderAddForm() {
    const a = this.a.calendar;
    const date = (id: string, label: string, field: string, describedBy: string, required = false) => html`<div class="field">
      <label for=${id}>${label}${required ? this.requiredMark() : nothing}</label>
      <input id=${id} name=${id} type="date" aria-invalid=${this.invalid(ADD, field)} aria-describedby=${idRefs(this.errorRef(ADD, field, `${id}-error`), describedBy) ?? nothing} />
      ${this.fieldError(ADD, field, `${id}-error`)}
    </div>`;
    return html`<form class="stack card" novalidate @submit=${this.add} aria-labelledby="add-period-title">
      <h2 id="add-period-title">${a.addTitle}</h2>
      <div class="field">
        <label for="name">${a.name}${this.requiredMark()}</label>
        <input id="name" name="name" placeholder=${a.namePlaceholder} aria-invalid=${this.invalid(ADD, 'name')}
          aria-describedby=${idRefs(this.errorRef(ADD, 'name', 'name-error'), this.counterId('name')) ?? nothing} @input=${this.onTyped} />
        ${this.counter('name', NAME_MAX)}
        ${this.fieldError(ADD, 'name', 'name-error')}
      </div>
      ${date('from', a.from, 'from', 'dates-hint')}
      ${date('to', a.to, 'to', 'dates-hint')}
      <p class="muted hint" id="dates-hint">${a.toHint}</p>
      ${Array.from({ length: WORKDAY_FIELDS }, (_, i) => date(`workday-${i}`, format(a.workday, { n: i + 1 }), `workdays.${i}`, 'workdays-hint'))}
      <p class="muted hint" id="workdays-hint">${a.workdaysHint}</p>
      ${this.formError(ADD)}
      <div class="buttons"><button type="submit" aria-disabled=${String(this.busy || this.days === null)}>${this.a.add}</button></div>
    </form>`;
  }

  /**
   * A national holiday's name (国庆节、中秋节 too) in the reader's language (`NATIONAL_HOLIDAYS`); null
   * for any other name, the site's own, which is shown as written.
   */
  private holidayText(name: string): string | null {
    const at = name.split('、').map((part) => (NATIONAL_HOLIDAYS as readonly string[]).indexOf(part));
    if (at.some((i) => i < 0)) return null;
    return at.map((i) => this.a.calendar.nationalHolidays[i]).join(this.separator);
  }

  /** How a period is named in words (a button's name, a confirmation): its holiday's name, the site's own, or its first day. */
  private periodName(period: Period): string {
    return period.name ? this.holidayText(period.name) ?? period.name : period.days[0]!.day;
  }

  /** Between the items of a list in the reader's language. */
  private get separator(): string {
    return this.locale === 'en' ? ', ' : '、';
  }

  private renderPeriods(days: CalendarDay[]) {
    const a = this.a.calendar;
    if (days.length === 0) return html`<p class="muted">${format(a.empty, { year: this.year })}</p>`;
    const sep = this.separator;
    // A calendar day (2025-01-28) as every other date of the console reads: 2025/01/28, Jan 28, 2025.
    const date = (day: string) => formatDateTime(this.locale, `${day}T12:00:00+08:00`, false);
    const dayList = (list: string[]) => list.map((d, i) => html`${i > 0 ? sep : nothing}<time datetime=${d}>${date(d)}</time>`);
    return html`<ul class="list" part="calendar-periods">
      ${periodsOf(days).map((p) => {
        const holidays = p.days.filter((d) => d.kind === 'holiday').map((d) => d.day);
        const workdays = p.days.filter((d) => d.kind === 'workday').map((d) => d.day);
        const scope = `period-${p.days[0]!.day}`;
        return html`<li class="list-item" part="calendar-period">
          <div class="list-main stack">
            <strong>${p.name ? this.holidayText(p.name) ?? this.written(p.name) : a.unnamed}</strong>
            ${holidays.length > 0 ? html`<span><span class="badge">${a.kinds.holiday}</span> ${runsOf(holidays).map(([first, last, n], i) => html`${i > 0 ? sep : nothing}${n === 1
              ? html`<time datetime=${first}>${date(first)}</time>`
              : format(a.holidayRun, { from: date(first), to: date(last), n })}`)}</span>` : nothing}
            ${workdays.length > 0 ? html`<span><span class="badge">${a.kinds.workday}</span> ${dayList(workdays)}</span>` : nothing}
          </div>
          <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${format(a.removePeriod, { name: this.periodName(p) })}
            aria-expanded=${String(this.confirming === scope)}
            @click=${() => { this.clearMessages(); this.confirming = this.confirming === scope ? '' : scope; }}>${this.a.remove}</button>
          ${this.confirming === scope ? this.confirmPanel({
            label: format(a.removePeriod, { name: this.periodName(p) }), question: format(a.removeConfirm, { name: this.periodName(p), n: p.days.length }),
            scope, action: this.a.confirmRemove, run: () => this.removePeriod(p), cancel: () => { this.confirming = ''; },
          }) : this.formError(scope)}
        </li>`;
      })}
    </ul>`;
  }
}

defineElement('liuyan-console-admin-calendar', LiuyanConsoleAdminCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-calendar': LiuyanConsoleAdminCalendar;
  }
}
