// Every screen, once: its address (#/<name>, #/household/<戶號>), page title, the roles that
// may open it, its entry in the header's navigation, how it is drawn, and what it fetches
// when it is opened. The server enforces roles on every request; `roles` only keeps the
// navigation honest (a clerk is not offered 審核). The navigation follows the table's order,
// the order of the counter's work.

import type { Role } from './api';
import type { Flows } from './flows';
import type { MessageKey } from './i18n';
import { renderAudit } from './screens/audit';
import { renderAuditSamples } from './screens/audit_samples';
import { renderHousehold } from './screens/household';
import { renderLogin } from './screens/login';
import { renderLookup } from './screens/lookup';
import { renderNationality } from './screens/nationality';
import { renderRegister } from './screens/register';
import { renderReminders } from './screens/reminders';
import { renderReview } from './screens/review';
import { renderRules } from './screens/rules';
import { renderSampling } from './screens/sampling';
import type { Shell } from './shell';

export interface RouteSpec {
  readonly name: string;
  readonly title: MessageKey;
  readonly roles: readonly Role[] | 'anyone';
  readonly nav: MessageKey | null;
  // #/<name>/<param>: the household number of #/household/<no>.
  readonly param?: boolean;
  render(shell: Shell, flows: Flows): Node[];
  // The screen is opened (or its parameter changed): it fetches what it lists and re-renders
  // itself when that arrives.
  enter?(flows: Flows, param: string): void;
}

const kCounter: readonly Role[] = ['clerk', 'supervisor'];

export const kRoutes = [
  {
    name: 'login', title: 'login.title', roles: 'anyone', nav: null,
    render: (shell, f) => renderLogin(shell, f.login),
  },
  // The auditor's screens first: an auditor lands on the first screen of the menu they may use.
  {
    name: 'audit', title: 'audit.title', roles: ['auditor'], nav: 'nav.audit', param: true,
    render: (shell, f) => renderAudit(shell, f.audit),
    enter: (f, mode) => f.audit.enter(mode),
  },
  {
    name: 'samples', title: 'samples.title', roles: ['auditor'], nav: 'nav.samples', param: true,
    render: (shell, f) => renderAuditSamples(shell, f.samples),
    enter: (f, id) => void f.samples.enter(id),
  },
  {
    // An auditor reads the trail, never the register itself (domain/access/role.h).
    name: 'lookup', title: 'lookup.title', roles: ['clerk', 'supervisor', 'admin'], nav: 'nav.lookup',
    render: (shell, f) => renderLookup(shell, f.lookup),
  },
  {
    name: 'household', title: 'hh.title', roles: kCounter, nav: 'nav.household', param: true,
    render: (shell, f) => renderHousehold(shell, f.household),
    enter: (f, no) => f.household.enter(no),
  },
  {
    name: 'register', title: 'register.title', roles: kCounter, nav: 'nav.register',
    render: (shell, f) => renderRegister(shell, f.register),
  },
  {
    name: 'review', title: 'review.title', roles: ['supervisor'], nav: 'nav.review',
    render: (shell, f) => renderReview(shell, f.review),
    enter: (f) => void f.review.enter(),
  },
  {
    name: 'sampling', title: 'sampling.title', roles: ['supervisor'], nav: 'nav.sampling',
    render: (shell, f) => renderSampling(shell, f.sampling),
    enter: (f) => void f.sampling.enter(),
  },
  {
    name: 'nationality', title: 'nationality.title', roles: kCounter, nav: 'nav.nationality',
    render: (shell, f) => renderNationality(shell, f.nationality),
    enter: (f) => void f.nationality.enter(),
  },
  {
    name: 'reminders', title: 'reminders.title', roles: kCounter, nav: 'nav.reminders',
    render: (shell, f) => renderReminders(shell, f.reminders),
    enter: (f) => void f.reminders.enter(),
  },
  {
    name: 'rules', title: 'rules.title', roles: ['admin', 'supervisor'], nav: 'nav.rules',
    render: (shell, f) => renderRules(shell, f.rules),
    enter: (f) => void f.rules.enter(),
  },
] as const satisfies readonly RouteSpec[];

export type Route = (typeof kRoutes)[number]['name'];

// Where an unknown address leads.
const kDefault: Route = 'lookup';

export function routeSpec(name: Route): RouteSpec {
  return kRoutes.find((r) => r.name === name) ?? routeSpec(kDefault);
}

// Where a signed-in user lands: the first screen of the menu their role may use.
export function homeRoute(role: Role | undefined): Route {
  return kRoutes.find((r) => r.nav !== null && routeAllowed(r.name, role))?.name ?? kDefault;
}

export function routeAllowed(name: Route, role: Role | undefined): boolean {
  const roles = routeSpec(name).roles;
  return roles === 'anyone' || (role !== undefined && roles.includes(role));
}

export interface Location {
  route: Route;
  param: string;
}

export function parseHash(hash: string): Location {
  const m = /^#\/([a-z]+)(?:\/([^/?#]*))?$/.exec(hash);
  const spec = kRoutes.find((r) => r.name === m?.[1]);
  if (!spec) return { route: kDefault, param: '' };
  const param = 'param' in spec && m?.[2] ? decodeURIComponent(m[2]) : '';
  return { route: spec.name, param };
}

export function hashOf(where: Location): string {
  return routeSpec(where.route).param
    ? `#/${where.route}/${encodeURIComponent(where.param)}` : `#/${where.route}`;
}
