import { html, nothing } from 'lit';
import type { OfficialProfile } from '../../sdk/src/schemas/auth';
import { defineElement } from '../../ui/liuyan-element';
import { format } from '../../ui/localize';
import { adminHash, ADMIN_SECTIONS, type AdminSection } from '../routes';
import { AdminElement } from './admin-element';
import './accounts-page';
import './audit-page';
import { thisYear } from './calendar-page';
import './campaigns-page';
import './export-page';
import './integrations-page';
import './notifications-page';
import './protection-page';
import './site-page';
import './templates-page';
import './units-page';
import './webhooks-page';

/**
 * @summary The admin pages (站点设置, 工作日历, 单位, 账号, 回复模板, 建言专栏, 导出, 审计日志, 接口密钥) under their tabs. This module
 * is the console's admin chunk: the app imports it only when an admin opens one of them.
 *
 * @csspart admin-nav - The tabs of the admin pages.
 */
export class LiuyanConsoleAdmin extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    section: { attribute: false },
    year: { attribute: false },
    profile: { attribute: false },
  };

  section: AdminSection = 'site';
  /** The calendar's year, from the address. */
  year: number | undefined = undefined;
  profile: OfficialProfile | null = null;

  /** Coming to the admin pages, or to another of their tabs (pressed, or Back): the tab shown, as in the queue. */
  protected override arrivalFocus(): HTMLElement | null | undefined {
    return this.renderRoot.querySelector<HTMLElement>('[part="admin-nav"] a[aria-current="page"]') ?? undefined;
  }

  /** The admin tab shown, in the admin pages (单位 · 站点管理). */
  protected override pageName(): string {
    return format(this.t.titleParts, { part: this.a.sections[this.section], whole: this.t.nav.admin });
  }

  override render() {
    const a = this.a;
    return html`<nav class="tabs" part="admin-nav" aria-label=${a.sectionsLabel}>
        ${ADMIN_SECTIONS.map((s) => html`<a href=${adminHash(s)} aria-current=${s === this.section ? 'page' : nothing}>${a.sections[s]}</a>`)}
      </nav>
      ${this.renderSection()}`;
  }

  private renderSection() {
    switch (this.section) {
      case 'calendar':
        // One template whatever the address says: two would make Lit replace the page going from
        // `#/admin/calendar` to `?year=2027` (a holiday added in another year), and its confirmation with it.
        return html`<liuyan-console-admin-calendar .year=${this.year ?? thisYear()}></liuyan-console-admin-calendar>`;
      case 'units': return html`<liuyan-console-admin-units></liuyan-console-admin-units>`;
      case 'accounts': return html`<liuyan-console-admin-accounts .profile=${this.profile}></liuyan-console-admin-accounts>`;
      case 'templates': return html`<liuyan-console-admin-templates></liuyan-console-admin-templates>`;
      case 'campaigns': return html`<liuyan-console-admin-campaigns></liuyan-console-admin-campaigns>`;
      case 'export': return html`<liuyan-console-admin-export></liuyan-console-admin-export>`;
      case 'audit': return html`<liuyan-console-admin-audit></liuyan-console-admin-audit>`;
      case 'integrations': return html`<liuyan-console-admin-integrations></liuyan-console-admin-integrations>`;
      case 'webhooks': return html`<liuyan-console-admin-webhooks></liuyan-console-admin-webhooks>`;
      case 'notifications': return html`<liuyan-console-admin-notifications></liuyan-console-admin-notifications>`;
      case 'protection': return html`<liuyan-console-admin-protection></liuyan-console-admin-protection>`;
      default: return html`<liuyan-console-admin-site></liuyan-console-admin-site>`;
    }
  }
}

defineElement('liuyan-console-admin', LiuyanConsoleAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin': LiuyanConsoleAdmin;
  }
}
