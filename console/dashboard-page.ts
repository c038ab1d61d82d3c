import { html, nothing } from 'lit';
import type { OfficialProfile } from '../sdk/src/schemas/auth';
import { DUE_SOON_DAYS } from '../sdk/src/limits';
import type { Dashboard } from '../sdk/src/schemas/stats';
import { defineElement } from '../ui/liuyan-element';
import { format, formatNumber } from '../ui/localize';
import { hours, percent, score } from '../ui/stats-format';
import { tokens } from '../ui/tokens.styles';
import { unitTable } from '../ui/unit-table.styles';
import { ConsoleElement } from './console-element';
import { styles } from './liuyan-console.styles';
import { adminHash, queueHash } from './routes';

/**
 * @summary The officials' dashboard: for the units the official answers for (the whole site for
 * admins and moderators), what needs them now — 已超期, due within two days, 重办, 督办, each a link
 * to those messages in the queue — and their reply rate, on-time rate, median time to first reply
 * and satisfaction, per unit too. The figures are those of the public statistics.
 */
export class LiuyanConsoleDashboard extends ConsoleElement {
  static override styles = [tokens, unitTable, styles];

  static override properties = {
    ...ConsoleElement.properties,
    profile: { attribute: false },
    dashboard: { state: true },
    error: { state: true },
  };

  profile: OfficialProfile | null = null;
  private dashboard: Dashboard | null = null;
  private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.dashboard = await this.officials.dashboard();
    } catch (error) {
      this.error = this.problemText(error) || this.t.dashboard.loadFailed;
    }
  }

  protected override pageName(): string {
    return this.t.dashboard.title;
  }

  override render() {
    const t = this.t;
    const d = t.dashboard;
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const data = this.dashboard;
    if (!data) return html`<p class="muted" role="status">${t.loading}</p>`;
    const s = data.stats;
    const siteWide = this.profile?.role !== 'responder';
    const now: [string, number, string][] = [
      ['overdue', data.overdue, queueHash({ tab: 'overdue' })],
      ['dueSoon', data.dueSoon, queueHash({ tab: 'all', dueWithinDays: DUE_SOON_DAYS })],
      ['reopened', data.reopened, queueHash({ tab: 'handling', reopened: true })],
      ['supervised', data.supervised, queueHash({ tab: 'supervised' })],
    ];
    const figures: [string, string, string][] = [
      ['messages', d.messages, formatNumber(this.locale, s.messages)],
      ['reply-rate', d.replyRate, percent(s.replyRate, d, this.locale)],
      ['on-time-rate', d.onTimeRate, percent(s.onTimeRate, d, this.locale)],
      ['median-response', d.medianResponse, hours(s.medianResponseHours, d, this.locale)],
      ['satisfaction', d.satisfaction, score(s.satisfaction.mean, d, this.locale)],
    ];
    return html`
      <h1>${d.title} <span class="muted">· ${siteWide ? d.scopeSite : d.scopeUnits}</span></h1>
      ${data.calendarNotSet === null ? nothing : html`<p class="notice" part="calendar-not-set">${format(d.calendarNotSet, { year: data.calendarNotSet })}
        <a href=${adminHash('calendar', data.calendarNotSet)}>${format(d.calendarLink, { year: data.calendarNotSet })}</a></p>`}
      <section aria-labelledby="now">
        <h2 id="now">${d.now}</h2>
        <ul class="dashboard-figures">
          ${now.map(([name, n, href]) => html`<li class="dashboard-figure" data-figure=${name}>
            <a href=${href}><span class="label">${d[name as 'overdue']}</span> <strong>${n}</strong></a></li>`)}
        </ul>
      </section>
      <section aria-labelledby="figures">
        <h2 id="figures">${d.figures}</h2>
        <dl class="dashboard-figures">
          ${figures.map(([name, label, value]) => html`<div class="dashboard-figure" data-figure=${name}><dt>${label}</dt><dd>${value}</dd></div>`)}
        </dl>
        <p class="muted hint" part="counted">${d.countedNote}</p>
        ${s.satisfaction.rated > 0 ? html`<table class="dashboard-table">
          <caption>${d.distribution}</caption>
          <tbody>${([5, 4, 3, 2, 1] as const).map((level) => html`
            <tr><th scope="row">${t.ratingLevels[level]}</th><td>${s.satisfaction.distribution[level - 1]}</td></tr>`)}</tbody>
        </table>` : nothing}
      </section>
      ${s.byUnit.length > 0 ? html`<section>
        <!-- The table's scrolling box is the landmark this heading names (one, not two of one name). -->
        <h2 id="units">${d.byUnit}</h2>
        <!-- On a phone each unit's row puts its name above its four figures (ui/unit-table.styles.ts); the
          roles keep it a table for screen readers, which a table laid out as a grid may otherwise lose. -->
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="units"><table class="dashboard-table unit-table" role="table">
          <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${d.unit}</th><th scope="col" role="columnheader">${d.messages}</th><th scope="col" role="columnheader">${d.replyRate}</th>
            <th scope="col" role="columnheader">${d.onTimeRate}</th><th scope="col" role="columnheader">${d.satisfaction}</th></tr></thead>
          <tbody role="rowgroup">${s.byUnit.map((u) => html`<tr role="row"><th scope="row" role="rowheader">${this.written(u.name)}${u.includesSubunits ? html`<span class="muted">${d.withSubunits}</span>` : nothing}${u.active ? nothing : html` <span class="badge">${this.t.unitPicker.inactive}</span>`}</th><td role="cell" data-label=${d.messages}>${formatNumber(this.locale, u.messages)}</td><td role="cell" data-label=${d.replyRate}>${percent(u.replyRate, d, this.locale)}</td>
            <td role="cell" data-label=${d.onTimeRate}>${percent(u.onTimeRate, d, this.locale)}</td><td role="cell" data-label=${d.satisfaction}>${score(u.satisfaction, d, this.locale)}</td></tr>`)}</tbody>
        </table></div>
      </section>` : nothing}`;
  }
}

defineElement('liuyan-console-dashboard', LiuyanConsoleDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-dashboard': LiuyanConsoleDashboard;
  }
}
