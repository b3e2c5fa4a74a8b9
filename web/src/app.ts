// The application: the session, hash routing over the table in routes.ts, and the moves
// between screens. Screens are functions of their flow's state (src/flows/); every change
// re-renders the current screen and then moves focus where the user's attention should go
// (result heading, error summary …). Flows and screens reach the application only through
// the Shell interface (shell.ts); nothing imports this module but main.ts.
//
// No personal data goes into the URL or into storage: ID numbers and results live only in
// memory, the session token in sessionStorage (gone when the tab closes). The exceptions: the
// household number in #/household/<no>, an address key that the lead asked for so the
// household can be linked to (the household's members are still fetched only with a purpose),
// and the draft of a registration not yet sent (drafts.ts: sessionStorage, per user, today's
// only, cleared when sent, discarded or on signing out).

import * as api from './api';
import type { Role, Session } from './api';
import { focusElement } from './dom';
import { clearDraftsOf } from './drafts';
import { newFlows } from './flows';
import type { Flows } from './flows';
import { LookupFlow } from './flows/lookup';
import { applyHtmlLang, keepLangWithoutUser, otherLang, setLang, setLangUser, t } from './i18n';
import type { MessageKey } from './i18n';
import type { ChosenPurpose } from './purpose';
import { hashOf, kRoutes, landingRoute, parseHash, routeAllowed, routeSpec } from './routes';
import type { Location, Route } from './routes';
import { stampPrintTime } from './components/layout';
import { renderForbidden } from './screens/forbidden';
import type { NavItem, Shell } from './shell';

const kSessionKey = 'huji.session';

export class App implements Shell {
  session: Session | null = null;
  flows: Flows = newFlows(this);
  private booting = true;
  private pendingFocus: string | null = null;
  private shown: string | null = null;     // the hash last rendered
  private afterLogin: string | null = null;  // where a sign-in should lead

  constructor(
    private readonly root: HTMLElement,
    private readonly liveStatus: HTMLElement,
  ) {}

  async start(): Promise<void> {
    applyHtmlLang();
    window.addEventListener('hashchange', () => this.render());
    window.addEventListener('beforeprint', stampPrintTime);
    this.session = loadSession();
    setLangUser(this.session?.user.username ?? null);
    this.render();
    if (this.session) {
      try {
        this.session.user = await api.me(this.session.token);
        saveSession(this.session);
      } catch (err) {
        // A stale token goes back to the login page; a network error keeps the session and
        // lets the next request report it.
        if (err instanceof api.ApiError && err.status === 401) this.dropSession(null);
      }
    }
    this.booting = false;
    this.render();
  }

  get route(): Route {
    return parseHash(location.hash).route;
  }

  get role(): Role | undefined {
    return this.session?.user.role;
  }

  get token(): string {
    return this.session?.token ?? '';
  }

  // Re-renders the current screen; redirects when the route does not fit the session. A new
  // route starts its screen (loads its list) and moves focus to the page heading.
  render(): void {
    if (this.booting) {
      this.root.replaceChildren();
      this.root.setAttribute('aria-busy', 'true');
      return;
    }
    this.root.removeAttribute('aria-busy');
    let where: Location = parseHash(location.hash);
    if (!this.session) {
      if (where.route !== 'login' && location.hash !== '') this.afterLogin = location.hash;
      where = { route: 'login', param: '' };
    } else if (where.route === 'login' || location.hash === '' || location.hash === '#/') {
      where = { route: landingRoute(this.role), param: '' };
    }
    const hash = hashOf(where);
    if (location.hash !== hash) history.replaceState(null, '', hash);
    if (this.shown !== null && this.shown !== hash && this.pendingFocus === null) {
      this.pendingFocus = 'page-title';  // navigated: start at the new page's heading
    }
    const entering = this.shown !== hash;
    this.shown = hash;
    const spec = routeSpec(where.route);
    const allowed = routeAllowed(where.route, this.role);
    if (entering && allowed) spec.enter?.(this.flows, where.param);
    const screen = allowed ? spec.render(this, this.flows) : renderForbidden(this, spec.title);
    document.title = `${t(spec.title)} – ${t('app.name')}`;
    // A re-render without a new focus target (a list arriving) keeps focus where it was.
    const active = document.activeElement;
    const keep = active instanceof HTMLElement && active !== document.body ? active.id : '';
    const caret = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement
      ? selectionOf(active) : null;
    this.root.replaceChildren(...screen);
    if (this.pendingFocus) {
      focusElement(document.getElementById(this.pendingFocus));
      this.pendingFocus = null;
    } else if (keep) {
      const el = document.getElementById(keep);
      el?.focus({ preventScroll: true });
      if (caret && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) {
        try {
          el.setSelectionRange(caret[0], caret[1]);
        } catch {
          // Inputs without a caret (date, number) keep the browser's choice.
        }
      }
    }
  }

  show(focusId: string | null): void {
    this.pendingFocus = focusId;
    this.render();
  }

  // Goes to a screen (pushes a history entry) and focuses `focusId` there.
  navigate(hash: string, focusId: string = 'page-title'): void {
    this.pendingFocus = focusId;
    if (location.hash === hash) {
      this.render();
    } else {
      location.hash = hash;  // hashchange renders
    }
  }

  // Only a person or household on screen was read with a purpose.
  printPurpose(): ChosenPurpose | null {
    if (this.route === 'lookup') return this.flows.lookup.result ? this.flows.lookup.resultPurpose : null;
    if (this.route === 'household') return this.flows.household.result ? this.flows.household.resultPurpose : null;
    return null;
  }

  navItems(): readonly NavItem[] {
    const current = this.route;
    return kRoutes.flatMap((r) => (r.nav !== null && routeAllowed(r.name, this.role)
      ? [{ route: r.name, label: r.nav, current: r.name === current }] : []));
  }

  sessionLost(err: unknown): boolean {
    if (!(err instanceof api.ApiError) || err.status !== 401) return false;
    this.afterLogin = this.shown;
    this.dropSession('notice.session_expired', true);
    this.show('notice');
    return true;
  }

  announce(text: string): void {
    // Cleared first so that the same text twice is announced twice.
    this.liveStatus.textContent = '';
    window.setTimeout(() => {
      this.liveStatus.textContent = text;
    }, 50);
  }

  // Says so in the new language; the live region's last words (in the old one) go.
  switchLanguage(): void {
    setLang(otherLang());
    this.show('lang-switch');
    this.announce(t('lang.switched'));
  }

  signedIn(session: Session): void {
    this.session = session;
    saveSession(session);
    setLangUser(session.user.username);
    this.flows = newFlows(this);
    const next = this.afterLogin && routeAllowed(parseHash(this.afterLogin).route, session.user.role)
      ? this.afterLogin : hashOf({ route: landingRoute(session.user.role), param: '' });
    this.afterLogin = null;
    history.replaceState(null, '', next);
    this.shown = null;
    this.show('page-title');
  }

  async logout(): Promise<void> {
    const token = this.session?.token;
    // Signing out is leaving the counter PC: the next clerk must not find this one's drafts.
    if (this.session) clearDraftsOf(this.session.user.username);
    this.afterLogin = null;
    this.dropSession('notice.logged_out');
    if (token) {
      try {
        await api.logout(token);
      } catch {
        // The token is forgotten here either way; it also expires on the server.
      }
    }
    this.show('page-title');
    this.announce(t('notice.logged_out'));
  }

  // From another screen (a registered application, a household member): opens the lookup
  // page and looks the person up with the given purpose.
  lookupFrom(idNumber: string, purpose: ChosenPurpose): Promise<void> {
    const lookup = this.flows.lookup = new LookupFlow(this);
    lookup.idNumber = idNumber;
    lookup.choice = { ...purpose };
    this.shown = '#/lookup';
    history.pushState(null, '', '#/lookup');
    this.show('page-title');
    return lookup.submit();
  }

  // The household of a lookup result: opens #/household/<no> and, with the purpose of that
  // lookup, reads it at once (each household read is audited with its purpose).
  openHousehold(no: string, purpose: ChosenPurpose | null): void {
    this.flows.household.prepare(no, purpose);
    this.navigate(hashOf({ route: 'household', param: no }));
  }

  private dropSession(notice: MessageKey | null, keepLanguage = false): void {
    this.session = null;
    if (keepLanguage) keepLangWithoutUser();
    else setLangUser(null);
    this.flows = newFlows(this);
    this.flows.login.notice = notice;
    clearSession();
    this.shown = '#/login';
    history.replaceState(null, '', '#/login');
  }
}

function selectionOf(el: HTMLInputElement | HTMLTextAreaElement): [number, number] | null {
  try {
    return el.selectionStart === null || el.selectionEnd === null
      ? null : [el.selectionStart, el.selectionEnd];
  } catch {
    return null;
  }
}

function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(kSessionKey);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (typeof s.token !== 'string' || !s.user) return null;
    if (s.expires_at && Date.parse(s.expires_at) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

function saveSession(s: Session): void {
  try {
    sessionStorage.setItem(kSessionKey, JSON.stringify(s));
  } catch {
    // Storage disabled: the session lasts until the page is reloaded.
  }
}

function clearSession(): void {
  try {
    sessionStorage.removeItem(kSessionKey);
  } catch {
    // Nothing stored.
  }
}
