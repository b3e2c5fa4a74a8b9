// Every screen, once: its address (#/<name>, #/household/<戶號>), page title, the roles that
// may open it, its entry in the header's navigation, how it is drawn, and what it fetches
// when it is opened. The server enforces roles on every request; `roles` only keeps the
// navigation honest (a clerk is not offered 審核). The navigation follows the table's order,
// the order of the counter's work.

import type { Role } from './api';
import type { Flows } from './flows';
import type { MessageKey } from './i18n';
import { renderCareLists } from './screens/care_lists';
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

const kEveryRole: readonly Role[] = ['clerk', 'supervisor', 'auditor', 'admin'];
const kCounter: readonly Role[] = ['clerk', 'supervisor'];

export const kRoutes = [
  {
    name: 'login', title: 'login.title', roles: 'anyone', nav: null,
    render: (shell, f) => renderLogin(shell, f.login),
  },
  {
    name: 'lookup', title: 'lookup.title', roles: kEveryRole, nav: 'nav.lookup',
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
    name: 'care-lists', title: 'care.title', roles: kCounter, nav: 'nav.care_lists',
    render: (shell, f) => renderCareLists(shell, f.careLists),
    enter: (f) => void f.careLists.enter(),
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

export function routeAllowed(name: Route, role: Role | undefined): boolean {
  const roles = routeSpec(name).roles;
  return roles === 'anyone' || (role !== undefined && roles.includes(role));
}

export interface Location {
  route: Route;
  param: string;
}

export function parseHash(hash: string): Location {
  const m = /^#\/([a-z-]+)(?:\/([^/?#]*))?$/.exec(hash);
  const spec = kRoutes.find((r) => r.name === m?.[1]);
  if (!spec) return { route: kDefault, param: '' };
  const param = 'param' in spec && m?.[2] ? decodeURIComponent(m[2]) : '';
  return { route: spec.name, param };
}

export function hashOf(where: Location): string {
  return routeSpec(where.route).param
    ? `#/${where.route}/${encodeURIComponent(where.param)}` : `#/${where.route}`;
}
