// The application: state, hash routing (#/login, #/lookup), and the actions screens call.
// Screens are functions of the state; every change re-renders the current screen and then
// moves focus where the user's attention should go (result heading, error summary …).
//
// No personal data goes into the URL or into storage: the ID number and the result live
// only in memory, the session token in sessionStorage (gone when the tab closes).

import * as api from './api';
import type { ErrorBody, PersonRecord, Session } from './api';
import { focusElement } from './dom';
import { checkIdNumber } from './id_number';
import { applyHtmlLang, localized, otherLang, setLang, t, tIn } from './i18n';
import type { MessageKey, Params } from './i18n';
import { renderLogin } from './screens/login';
import { renderLookup } from './screens/lookup';

// A message shown to the user: from our table, or from the server in both languages, so it
// follows a language switch after it was received.
export type Msg = { key: MessageKey; params?: Params } | { server: ErrorBody };

export function msgText(m: Msg): string {
  return 'server' in m ? localized(m.server) : t(m.key, m.params);
}

export interface FieldError {
  field: string;  // id of the control the message belongs to
  msg: Msg;
}

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

type Route = 'login' | 'lookup';

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

function failureOf(err: unknown): Msg {
  if (err instanceof api.ApiError && err.body) return { server: err.body };
  if (err instanceof api.ApiError && err.status === 0) return { key: 'error.network' };
  const status = err instanceof api.ApiError ? err.status : 0;
  return { key: 'error.unexpected', params: { status } };
}

export class App {
  session: Session | null = null;
  notice: MessageKey | null = null;
  login: LoginState = emptyLogin();
  lookup: LookupState = emptyLookup();
  private booting = true;
  private pendingFocus: string | null = null;

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
    return location.hash === '#/login' ? 'login' : 'lookup';
  }

  // Re-renders the current screen; redirects when the route does not fit the session.
  render(): void {
    if (this.booting) {
      this.root.replaceChildren();
      this.root.setAttribute('aria-busy', 'true');
      return;
    }
    this.root.removeAttribute('aria-busy');
    const wanted: Route = this.session ? 'lookup' : 'login';
    if (this.route !== wanted || location.hash === '') {
      history.replaceState(null, '', `#/${wanted}`);
    }
    const screen = wanted === 'login' ? renderLogin(this) : renderLookup(this);
    document.title = `${t(wanted === 'login' ? 'login.title' : 'lookup.title')} – ${t('app.name')}`;
    this.root.replaceChildren(...screen);
    if (this.pendingFocus) {
      focusElement(document.getElementById(this.pendingFocus));
      this.pendingFocus = null;
    }
  }

  private show(focusId: string | null): void {
    this.pendingFocus = focusId;
    this.render();
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
      history.replaceState(null, '', '#/lookup');
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

  private dropSession(notice: MessageKey | null): void {
    this.session = null;
    this.notice = notice;
    this.lookup = emptyLookup();
    this.login = emptyLogin();
    clearSession();
    history.replaceState(null, '', '#/login');
  }
}

// The purpose as the server logs it: always the Chinese wording, whatever the interface
// language, so the audit trail reads the same for every clerk.
export function purposeText(s: LookupState): string {
  if (s.purpose === '') return '';
  const label = tIn('zh', `purpose.${s.purpose}`);
  return s.purpose === 'other' ? `${label}：${s.purposeOther.trim()}` : label;
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
