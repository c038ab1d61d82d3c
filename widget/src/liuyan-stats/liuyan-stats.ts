import { html, nothing, svg, type PropertyValues } from 'lit';
import { written } from '../../../ui/content-lang';
import type { MonthlyStats, Stats, StatsQuery } from '../../../sdk/src/schemas/stats';
import { errorDetail, failureText, retryCanHelp } from '../internal/errors';
import { axisLabels, chartMonths, chinaMonth, drawnPeriod } from './chart-months';
import { defineElement, LiuyanElement } from '../../../ui/liuyan-element';
import { format, formatMonth, formatNumber, Localized } from '../../../ui/localize';
import type { Locale } from '../../../sdk/src/languages';
import { hours, percent, score } from '../../../ui/stats-format';
import { tokens } from '../../../ui/tokens.styles';
import { unitTable } from '../../../ui/unit-table.styles';
import { styles } from './liuyan-stats.styles';
import { statsZhCN, type StatsStrings } from './strings.zh-cn';
import { onDemand } from '../../../ui/on-demand';

/** Months drawn in the chart: the last year, readable at 390 px. */
const CHART_MONTHS = 12;
/** Units listed in the ranking before 显示全部: every one is shown when asked, the lowest-ranked included. */
const RANKED_UNITS = 10;
/** The bars' drawing, in its own units, stretched to the chart's width (the axis is drawn apart). */
const CHART = { width: 360, height: 128, top: 10 };
/**
 * The share of the chart's width a year (`2026`) needs at the narrowest (≈ 30 px of a 163 px chart, a
 * phone at 200% zoom): a year starting within it ends at its bars' right edge instead of past the chart.
 */
const YEAR_ROOM = 0.2;

/** The chart's title, naming its months when they are not every month the figures count. */
const chartTitle = (t: StatsStrings, locale: Locale, period: { from: string; to: string } | null) => (period
  ? format(t.chartPeriod, { from: formatMonth(locale, period.from), to: formatMonth(locale, period.to) }) : t.chartTitle);

type Phase = 'loading' | 'ready' | 'failed';

/**
 * @summary A site's public statistics: the headline figures (messages, reply rate, on-time rate,
 * median time to first reply, satisfaction, adopted suggestions), a monthly chart drawn as SVG (every
 * month of the last year or of `from`–`to`, those without messages as zero; the year under the first
 * month and under each January) with a table of the same numbers for screen readers, and the units
 * ranked by reply rate.
 *
 * @event liuyan-error - The statistics could not be loaded. `detail`: `{ code, status, fields }`.
 *
 * @csspart figures - The headline figures.
 * @csspart figure - Each figure (also `figure-<name>`: `figure-messages`, `figure-reply-rate`, `figure-on-time-rate`,
 *   `figure-median-response`, `figure-satisfaction`, `figure-adopted`).
 * @csspart chart - The monthly chart.
 * @csspart ranking - The table of units.
 * @csspart all-units - 显示全部: the ranking's button listing every unit, under its first ten.
 * @csspart definitions - 统计口径: what each figure counts, folded under its summary.
 *
 * @cssproperty --liuyan-stats-min-height - Height kept while the statistics load (default 60em), so the page below does not move.
 * @cssproperty --liuyan-stats-bar-color - The bars of all messages (default light blue).
 * @cssproperty --liuyan-stats-replied-color - The bars of replied messages (default the primary colour).
 */
const strings = new Localized<StatsStrings>(statsZhCN, {
  en: onDemand(() => import('./strings.en'), (m) => m.statsEn),
  'zh-TW': onDemand(() => import('./strings.zh-tw'), (m) => m.statsZhTW),
});

export class LiuyanStats extends LiuyanElement<StatsStrings> {
  static override styles = [tokens, unitTable, styles];

  protected readonly strings = strings;

  static override properties = {
    ...LiuyanElement.properties,
    unit: { type: String },
    campaign: { type: String },
    from: { type: String },
    to: { type: String },
    stats: { state: true },
    phase: { state: true },
    failure: { state: true },
    allUnits: { state: true },
  };

  /** Only messages addressed to this unit (its id). */
  unit = '';
  /** Only the messages of this campaign (建言专栏), by slug. */
  campaign = '';
  /** First month counted, `YYYY-MM` (China time). */
  from = '';
  /** Last month counted, `YYYY-MM` (China time). */
  to = '';

  private stats: Stats | null = null;
  private phase: Phase = 'loading';
  private failure: unknown = null;
  /** 显示全部 pressed: the ranking lists every unit. */
  private allUnits = false;
  /** Counts requests: only the answer to the latest one is shown. */
  private request = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (['site', 'api', 'unit', 'campaign', 'from', 'to'].some((key) => changed.has(key as keyof LiuyanStats))) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.site) return;
    const request = ++this.request;
    this.phase = 'loading';
    const query: StatsQuery = {
      unit: this.unit || undefined, campaign: this.campaign || undefined, from: this.from || undefined, to: this.to || undefined,
    };
    try {
      const stats = await this.client().getStats(query);
      if (request !== this.request) return;
      this.stats = stats;
      this.phase = 'ready';
    } catch (error) {
      if (request !== this.request) return;
      this.failure = error;
      this.phase = 'failed';
      this.emit('liuyan-error', errorDetail(error));
    }
  }

  override render() {
    const t = this.t;
    if (this.phase === 'failed') {
      return html`<p class="notice" role="alert">${failureText(this.failure, t, t.loadFailed)}</p>
        ${retryCanHelp(this.failure) ? html`<button type="button" @click=${() => this.load()}>${t.tryAgain}</button>` : nothing}`;
    }
    const s = this.stats;
    if (!s) return html`<p class="loading" aria-busy="true">${t.loading}</p>`;
    const figures: [string, string, string][] = [
      ['messages', t.messages, formatNumber(this.locale, s.messages)],
      ['reply-rate', t.replyRate, percent(s.replyRate, t, this.locale)],
      ['on-time-rate', t.onTimeRate, percent(s.onTimeRate, t, this.locale)],
      ['median-response', t.medianResponse, hours(s.medianResponseHours, t, this.locale)],
      ['satisfaction', t.satisfaction, score(s.satisfaction.mean, t, this.locale)],
      ['adopted', t.adopted, formatNumber(this.locale, s.adopted)],
    ];
    const months = chartMonths(s.monthly, { from: this.from || undefined, to: this.to || undefined }, chinaMonth(new Date()), CHART_MONTHS);
    return html`
      <section aria-labelledby="title">
        <h2 id="title">${t.title}</h2>
        <dl class="figures" part="figures">
          ${figures.map(([name, label, value]) => html`
            <div class="figure" part="figure figure-${name}"><dt>${label}</dt><dd>${value}</dd></div>`)}
        </dl>
        ${months.length === 0 ? html`<p>${t.empty}</p>` : html`
          <h3 id="chart-title">${chartTitle(t, this.locale, drawnPeriod(s.monthly, months))}</h3>
          ${this.renderChart(months)}
          <ul class="legend" aria-hidden="true">
            <li><span class="all"></span>${t.messages}</li><li><span class="replied"></span>${t.replied}</li>
          </ul>
          <!-- Hidden by a box around it: a table is as wide as its content whatever width it is given, and
               would widen the page. -->
          <div class="visually-hidden"><table>
            <caption>${t.tableCaption}</caption>
            <thead><tr><th scope="col">${t.month}</th><th scope="col">${t.messages}</th><th scope="col">${t.replied}</th></tr></thead>
            <tbody>${months.map((m) => html`<tr><th scope="row">${formatMonth(this.locale, m.month)}</th><td>${m.messages}</td><td>${m.replied}</td></tr>`)}</tbody>
          </table></div>`}
        ${this.renderRanking(s)}
        <details part="definitions"><summary>${t.definitionsTitle}</summary>
          <ul>${t.definitions.map((line) => html`<li>${line}</li>`)}</ul></details>
      </section>`;
  }

  /**
   * Bars of messages with the replied ones over them; the table above says the same to screen readers.
   * The bars are drawn in their own units and stretched to the chart's width; the months and years
   * under them are in a second drawing without a scale, at the text's own size, placed by percentage:
   * in one scaled drawing the labels shrank with the chart, to ≈ 6 px on a phone at 200% zoom.
   */
  private renderChart(months: MonthlyStats[]) {
    const max = Math.max(1, ...months.map((m) => m.messages));
    const slot = CHART.width / months.length;
    const barWidth = Math.max(2, slot * 0.7);
    const plot = CHART.height - CHART.top;
    const y = (n: number) => CHART.top + plot - (n / max) * plot;
    const labels = axisLabels(months);
    const at = (units: number) => `${((units / CHART.width) * 100).toFixed(3)}%`;
    return html`<div class="chart" part="chart">
      <svg class="bars" viewBox="0 0 ${CHART.width} ${CHART.height}" preserveAspectRatio="none" role="presentation" aria-hidden="true" focusable="false">
        ${months.map((m, i) => {
          const x = i * slot + (slot - barWidth) / 2;
          return svg`
            <rect class="bar-all" x=${x} y=${y(m.messages)} width=${barWidth} height=${CHART.top + plot - y(m.messages)}></rect>
            <rect class="bar-replied" x=${x} y=${y(m.replied)} width=${barWidth} height=${CHART.top + plot - y(m.replied)}></rect>`;
        })}
      </svg>
      <svg class="axis" role="presentation" aria-hidden="true" focusable="false">
        ${months.map((_, i) => {
          const x = i * slot + (slot - barWidth) / 2;
          const { month, year } = labels[i]!;
          return svg`
            <text class=${i % 2 === 1 ? 'month second' : 'month'} x=${at(x + barWidth / 2)} y="1em" text-anchor="middle">${month}</text>
            ${year ? (x > CHART.width * (1 - YEAR_ROOM)
              ? svg`<text class="year" x=${at(x + barWidth)} y="2.2em" text-anchor="end">${year}</text>`
              : svg`<text class="year" x=${at(x)} y="2.2em">${year}</text>`) : nothing}`;
        })}
      </svg>
    </div>`;
  }

  private renderRanking(s: Stats) {
    const t = this.t;
    if (s.byUnit.length === 0) return nothing;
    const shown = this.allUnits ? s.byUnit : s.byUnit.slice(0, RANKED_UNITS);
    return html`
      <h3 id="ranking-title">${t.ranking}</h3>
      <p class="muted" id="ranking-note">${format(t.rankingNote, { n: s.byUnit.length })}</p>
      <!-- In a narrow column each unit's row puts its name above its figures (ui/unit-table.styles.ts); where it
        cannot, the table scrolls in its own box, which the keyboard can reach. -->
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ranking-title"><table part="ranking" class="unit-table" role="table" aria-labelledby="ranking-title">
        <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${t.unit}</th><th scope="col" role="columnheader">${t.messages}</th><th scope="col" role="columnheader">${t.replyRate}</th><th scope="col" role="columnheader">${t.onTimeRate}</th><th scope="col" role="columnheader">${t.satisfaction}</th></tr></thead>
        <tbody role="rowgroup">${shown.map((u) => html`
          <tr role="row"><th scope="row" role="rowheader">${written(u.name, this.locale)}${u.active ? '' : t.retired}</th><td role="cell" data-label=${t.messages}>${formatNumber(this.locale, u.messages)}</td><td role="cell" data-label=${t.replyRate}>${percent(u.replyRate, t, this.locale)}</td><td role="cell" data-label=${t.onTimeRate}>${percent(u.onTimeRate, t, this.locale)}</td><td role="cell" data-label=${t.satisfaction}>${score(u.satisfaction, t, this.locale)}</td></tr>`)}
        </tbody>
      </table></div>
      ${shown.length < s.byUnit.length ? html`<button type="button" class="secondary" part="all-units" @click=${() => (this.allUnits = true)}>${format(t.showAllUnits, { n: s.byUnit.length })}</button>` : nothing}`;
  }
}

defineElement('liuyan-stats', LiuyanStats);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-stats': LiuyanStats;
  }
}
