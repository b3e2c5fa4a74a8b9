// The application: state, hash routing, and the actions screens call. Screens are functions
// of the state; every change re-renders the current screen and then moves focus where the
// user's attention should go (result heading, error summary …).
//
// Routes: #/login, #/lookup, #/register, #/review, #/sampling, #/nationality and
// #/household/<戶號>. The lookup's state and actions live here; the registration workflow's
// screens keep theirs in src/flows/.
//
// No personal data goes into the URL or into storage: ID numbers and results live only in
// memory, the session token in sessionStorage (gone when the tab closes). The one exception
// is the household number in #/household/<no>, an address key that the lead asked for so the
// household can be linked to; the household's members are still fetched only with a purpose.

import * as api from './api';
import type { PersonRecord, Role, Session } from './api';
import { focusElement } from './dom';
import { HouseholdFlow } from './flows/household';
import { NationalityFlow } from './flows/nationality';
import { RegisterFlow } from './flows/register';
import { ReviewFlow } from './flows/review';
import { SamplingFlow } from './flows/sampling';
import { checkIdNumber } from './id_number';
import { applyHtmlLang, otherLang, setLang, t, tIn } from './i18n';
import type { MessageKey } from './i18n';
import { failureOf } from './messages';
import type { FieldError, Msg } from './messages';
import { renderForbidden } from './screens/forbidden';
import { renderHousehold } from './screens/household';
import { renderLogin } from './screens/login';
import { renderLookup } from './screens/lookup';
import { renderNationality } from './screens/nationality';
import { renderRegister } from './screens/register';
import { renderReview } from './screens/review';
import { renderSampling } from './screens/sampling';

export { errorFor, failureOf, msgText } from './messages';
export type { FieldError, Msg } from './messages';

export const kPurposes = ['application', 'verification', 'notification', 'audit', 'other'] as const;
export type Purpose = (typeof kPurposes)[number];

export interface LoginState {
  username: string;
  password: string;
  errors: FieldError[];
  failure: Msg | null;
  busy: boolean;
}

export interface LookupState {
  idNumber: string;
  purpose: Purpose | '';
  purposeOther: string;
  errors: FieldError[];
  failure: Msg | null;
  result: PersonRecord | null;
  // The purpose of the lookup that produced the result, as the server recorded it.
  resultPurpose: { purpose: Purpose; other: string } | null;
  busy: boolean;
}

export type Route = 'login' | 'lookup' | 'register' | 'review' | 'sampling' | 'nationality' |
  'household';

interface Location {
  route: Route;
  param: string;  // the household number of #/household/<no>
}

const kAllRoles: readonly Role[] = ['clerk', 'supervisor', 'auditor', 'admin'];
const kCounter: readonly Role[] = ['clerk', 'supervisor'];

// Who may open which screen. The server enforces roles on every request; this only keeps the
// navigation honest (a clerk is not offered 審核).
const kRouteRoles: Readonly<Record<Exclude<Route, 'login'>, readonly Role[]>> = {
  lookup: kAllRoles,
  register: kCounter,
  review: ['supervisor'],
  sampling: ['supervisor'],
  nationality: kCounter,
  household: kCounter,
};

const kRouteTitles: Readonly<Record<Route, MessageKey>> = {
  login: 'login.title',
  lookup: 'lookup.title',
  register: 'register.title',
  review: 'review.title',
  sampling: 'sampling.title',
  nationality: 'nationality.title',
  household: 'hh.title',
};

// The header's navigation, in the order of the counter's work.
export const kNavItems: readonly { route: Route; label: MessageKey }[] = [
  { route: 'lookup', label: 'nav.lookup' },
  { route: 'household', label: 'nav.household' },
  { route: 'register', label: 'nav.register' },
  { route: 'review', label: 'nav.review' },
  { route: 'sampling', label: 'nav.sampling' },
  { route: 'nationality', label: 'nav.nationality' },
];

export function routeAllowed(route: Route, role: Role | undefined): boolean {
  if (route === 'login') return true;
  return role !== undefined && kRouteRoles[route].includes(role);
}

function parseHash(hash: string): Location {
  const m = /^#\/([a-z]+)(?:\/([^/?#]*))?$/.exec(hash);
  const name = m?.[1] ?? '';
  const param = m?.[2] ? decodeURIComponent(m[2]) : '';
  const routes: readonly Route[] = ['login', 'lookup', 'register', 'review', 'sampling',
    'nationality', 'household'];
  const route = (routes as readonly string[]).includes(name) ? (name as Route) : 'lookup';
  return { route, param: route === 'household' ? param : '' };
}

const kSessionKey = 'huji.session';

function emptyLogin(): LoginState {
  return { username: '', password: '', errors: [], failure: null, busy: false };
}

function emptyLookup(): LookupState {
  return {
    idNumber: '', purpose: '', purposeOther: '', errors: [], failure: null, result: null,
    resultPurpose: null, busy: false,
  };
}

export class App {
  session: Session | null = null;
  notice: MessageKey | null = null;
  login: LoginState = emptyLogin();
  lookup: LookupState = emptyLookup();
  register = new RegisterFlow(this);
  review = new ReviewFlow(this);
  sampling = new SamplingFlow(this);
  household = new HouseholdFlow(this);
  nationality = new NationalityFlow(this);
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
    this.session = loadSession();
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

  // Re-renders the current screen; redirects when the route does not fit the session. A new
  // route starts its screen (loads its list) and moves focus to the page heading.
  render(): void {
    if (this.booting) {
      this.root.replaceChildren();
      this.root.setAttribute('aria-busy', 'true');
      return;
    }
    this.root.removeAttribute('aria-busy');
    let where = parseHash(location.hash);
    if (!this.session) {
      if (where.route !== 'login' && location.hash !== '') this.afterLogin = location.hash;
      where = { route: 'login', param: '' };
    } else if (where.route === 'login') {
      where = { route: 'lookup', param: '' };
    }
    const hash = where.route === 'household'
      ? `#/household/${encodeURIComponent(where.param)}` : `#/${where.route}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    if (this.shown !== null && this.shown !== hash && this.pendingFocus === null) {
      this.pendingFocus = 'page-title';  // navigated: start at the new page's heading
    }
    const entering = this.shown !== hash;
    this.shown = hash;
    const allowed = routeAllowed(where.route, this.role);
    if (entering && allowed) this.enter(where);
    const screen = !allowed ? renderForbidden(this, where.route)
      : where.route === 'login' ? renderLogin(this)
        : where.route === 'register' ? renderRegister(this)
          : where.route === 'review' ? renderReview(this)
            : where.route === 'sampling' ? renderSampling(this)
              : where.route === 'nationality' ? renderNationality(this)
                : where.route === 'household' ? renderHousehold(this)
                  : renderLookup(this);
    document.title = `${t(kRouteTitles[where.route])} – ${t('app.name')}`;
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

  // A screen is opened: it fetches what it lists (asynchronously; it re-renders itself).
  private enter(where: Location): void {
    switch (where.route) {
      case 'review': void this.review.enter(); break;
      case 'sampling': void this.sampling.enter(); break;
      case 'nationality': void this.nationality.enter(); break;
      case 'household': this.household.enter(where.param); break;
      default: break;
    }
  }

  // Re-renders and moves focus to the element with this id (null: focus stays where it is,
  // when the element survives the re-render by id it is focused again by the caller).
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

  // A 401 from any screen: back to sign-in with a message. True when it was one.
  sessionLost(err: unknown): boolean {
    if (!(err instanceof api.ApiError) || err.status !== 401) return false;
    this.afterLogin = this.shown;
    this.dropSession('notice.session_expired');
    this.show('notice');
    return true;
  }

  get token(): string {
    return this.session?.token ?? '';
  }

  announce(text: string): void {
    // Cleared first so that the same text twice is announced twice.
    this.liveStatus.textContent = '';
    window.setTimeout(() => {
      this.liveStatus.textContent = text;
    }, 50);
  }

  switchLanguage(): void {
    setLang(otherLang());
    this.show('lang-switch');
  }

  async submitLogin(): Promise<void> {
    const s = this.login;
    if (s.busy) return;
    s.failure = null;
    s.errors = [];
    if (s.username.trim() === '') s.errors.push({ field: 'username', msg: { key: 'login.username_required' } });
    if (s.password === '') s.errors.push({ field: 'password', msg: { key: 'login.password_required' } });
    if (s.errors.length) {
      this.show('error-summary');
      return;
    }
    s.busy = true;
    this.notice = null;
    this.announce(t('login.busy'));
    try {
      const session = await api.login(s.username.trim(), s.password);
      this.session = session;
      saveSession(session);
      this.login = emptyLogin();
      this.lookup = emptyLookup();
      const next = this.afterLogin && routeAllowed(parseHash(this.afterLogin).route, session.user.role)
        ? this.afterLogin : '#/lookup';
      this.afterLogin = null;
      history.replaceState(null, '', next);
      this.shown = null;
      this.announce('');
      this.show('page-title');
    } catch (err) {
      s.busy = false;
      s.password = '';
      s.failure = failureOf(err);
      this.announce('');
      this.show('error-summary');
    }
  }

  async logout(): Promise<void> {
    const token = this.session?.token;
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

  // Validates on the client (the clerk learns the reason at once, the server is spared an
  // obviously wrong number), then asks the server, which decides.
  async submitLookup(): Promise<void> {
    const s = this.lookup;
    if (s.busy || !this.session) return;
    s.failure = null;
    s.errors = [];
    const id = checkIdNumber(s.idNumber);
    s.idNumber = id.value;
    if (!id.valid) {
      const params = { n: id.value.length };
      s.errors.push({ field: 'id-number', msg: { key: `id.${id.reason}`, params } });
    }
    if (s.purpose === '') {
      s.errors.push({ field: 'purpose', msg: { key: 'lookup.purpose_required' } });
    } else if (s.purpose === 'other' && s.purposeOther.trim() === '') {
      s.errors.push({ field: 'purpose-other', msg: { key: 'lookup.other_required' } });
    }
    const chosen = { purpose: s.purpose, other: s.purposeOther.trim() };
    if (s.errors.length || !id.valid || chosen.purpose === '') {
      s.result = null;
      this.show('error-summary');
      return;
    }
    s.busy = true;
    this.announce(t('lookup.busy'));
    try {
      const record = await api.lookupPerson(this.session.token, id.value, purposeText(s));
      s.busy = false;
      s.result = record;
      s.resultPurpose = {
        purpose: chosen.purpose,
        other: chosen.purpose === 'other' ? chosen.other : '',
      };
      this.show('result-title');
      this.announce(t('lookup.loaded', { name: record.person.name }));
    } catch (err) {
      s.busy = false;
      if (err instanceof api.ApiError && err.status === 401) {
        this.dropSession('notice.session_expired');
        this.show('notice');
        return;
      }
      s.result = null;
      s.failure = failureOf(err);
      if (err instanceof api.ApiError && err.body?.code.startsWith('id_number.')) {
        s.errors.push({ field: 'id-number', msg: { server: err.body } });
      }
      this.announce('');
      this.show('error-summary');
    }
  }

  // Looks up a relative or household member with the purpose already chosen.
  lookupRelated(idNumber: string): Promise<void> {
    this.lookup.idNumber = idNumber;
    return this.submitLookup();
  }

  // From another screen (a registered application, a household member): opens the lookup
  // page and looks the person up with the given purpose.
  lookupFrom(idNumber: string, purpose: Purpose, other = ''): Promise<void> {
    this.lookup = { ...emptyLookup(), idNumber, purpose, purposeOther: other };
    this.shown = '#/lookup';
    history.pushState(null, '', '#/lookup');
    this.show('page-title');
    return this.submitLookup();
  }

  // The household of a lookup result: opens #/household/<no> and reads it with the purpose
  // of that lookup (each household read is audited with its purpose).
  openHousehold(no: string): void {
    const rp = this.lookup.resultPurpose;
    this.household.prepare(no, rp ? rp.purpose : '', rp ? rp.other : '');
    this.navigate(`#/household/${encodeURIComponent(no)}`);
  }

  private dropSession(notice: MessageKey | null): void {
    this.session = null;
    this.notice = notice;
    this.lookup = emptyLookup();
    this.login = emptyLogin();
    this.register = new RegisterFlow(this);
    this.review = new ReviewFlow(this);
    this.sampling = new SamplingFlow(this);
    this.household = new HouseholdFlow(this);
    this.nationality = new NationalityFlow(this);
    clearSession();
    this.shown = '#/login';
    history.replaceState(null, '', '#/login');
  }
}

// The purpose as the server logs it: always the Chinese wording, whatever the interface
// language, so the audit trail reads the same for every clerk.
export function purposeText(s: Pick<LookupState, 'purpose' | 'purposeOther'>): string {
  if (s.purpose === '') return '';
  const label = tIn('zh', `purpose.${s.purpose}`);
  return s.purpose === 'other' ? `${label}：${s.purposeOther.trim()}` : label;
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
