// Every screen, once: its address (#/<name>, #/household/<戶號>), page title, the roles that
// may open it, its entry in the header's navigation, how it is drawn, and what it fetches
// when it is opened. The server enforces roles on every request; `roles` only keeps the
// navigation honest (a clerk is not offered 審核). The navigation follows the table's order,
// the order of the counter's work.

import type { Role } from './api';
import type { Flows } from './flows';
import type { MessageKey } from './i18n';
import { renderAgencies } from './screens/agencies';
import { renderAppointments } from './screens/appointments';
import { renderCalendar } from './screens/calendar';
import { renderCashier, renderDailyClose, renderFees, renderReceipts } from './screens/cashier';
import { renderAudit } from './screens/audit';
import { renderAuditSamples } from './screens/audit_samples';
import { renderCareLists } from './screens/care_lists';
import { renderHousehold } from './screens/household';
import { renderIdCards } from './screens/id_cards';
import { renderInbound } from './screens/inbound';
import { renderLogin } from './screens/login';
import { renderLookup } from './screens/lookup';
import { renderMyCases } from './screens/my_cases';
import { renderNationality } from './screens/nationality';
import { renderNotifications } from './screens/notifications';
import { renderNotificationKpi } from './screens/notification_kpi';
import { renderOffices } from './screens/offices';
import { renderQueueCounter } from './screens/queue_counter';
import { renderQueueSupervisor } from './screens/queue_supervisor';
import { renderQueueAdmin } from './screens/queue_admin';
import { renderRegister } from './screens/register';
import { renderReminders } from './screens/reminders';
import { renderReview } from './screens/review';
import { renderRules } from './screens/rules';
import { renderSeals } from './screens/seals';
import { renderSampling } from './screens/sampling';
import { renderTranscripts } from './screens/transcripts';
import { renderUsers } from './screens/users';
import type { Shell } from './shell';

export interface RouteSpec {
  readonly name: string;
  readonly title: MessageKey;
  readonly roles: readonly Role[] | 'anyone';
  readonly nav: MessageKey | null;
  // #/<name>/<param>: the household number of #/household/<no>; the type and step of
  // #/register/<type>/<step> (a param may hold slashes).
  readonly param?: boolean;
  render(shell: Shell, flows: Flows): Node[];
  // The screen is opened (or its parameter changed): it fetches what it lists and re-renders
  // itself when that arrives.
  enter?(flows: Flows, param: string): void;
}

// A system administrator manages accounts and configuration and reads no personal data; an
// auditor reads the trail, never the register itself (domain/access/role.h).
const kLookupRoles: readonly Role[] = ['clerk', 'supervisor'];
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
    name: 'lookup', title: 'lookup.title', roles: kLookupRoles, nav: 'nav.lookup',
    render: (shell, f) => renderLookup(shell, f.lookup),
  },
  {
    name: 'household', title: 'hh.title', roles: kCounter, nav: 'nav.household', param: true,
    render: (shell, f) => renderHousehold(shell, f.household),
    enter: (f, no) => f.household.enter(no),
  },
  {
    name: 'register', title: 'register.title', roles: kCounter, nav: 'nav.register', param: true,
    render: (shell, f) => renderRegister(shell, f.register),
    enter: (f, step) => f.register.enter(step),
  },
  {
    name: 'my-cases', title: 'cases.title', roles: kCounter, nav: 'nav.my_cases', param: true,
    render: (shell, f) => renderMyCases(shell, f.myCases),
    enter: (f, id) => f.myCases.enter(id),
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
    name: 'transcripts', title: 'transcripts.title', roles: kCounter, nav: 'nav.transcripts',
    render: (shell, f) => renderTranscripts(shell, f.transcripts),
  },
  {
    name: 'seals', title: 'seals.title', roles: kCounter, nav: 'nav.seals',
    render: (shell, f) => renderSeals(shell, f.seals),
  },
  {
    name: 'reminders', title: 'reminders.title', roles: kCounter, nav: 'nav.reminders',
    render: (shell, f) => renderReminders(shell, f.reminders),
    enter: (f) => void f.reminders.enter(),
  },
  {
    name: 'appointments', title: 'appt.title', roles: kCounter, nav: 'nav.appointments',
    render: (shell, f) => renderAppointments(shell, f.appointments),
    enter: (f) => void f.appointments.enter(),
  },
  {
    name: 'cashier', title: 'cashier.title', roles: kCounter, nav: 'nav.cashier',
    render: (shell, f) => renderCashier(shell, f.cashier),
    enter: (f) => void f.cashier.enter(),
  },
  {
    name: 'receipts', title: 'receipts.title', roles: kCounter, nav: 'nav.receipts',
    render: (shell, f) => renderReceipts(shell, f.receipts),
    enter: (f) => void f.receipts.enter(),
  },
  {
    name: 'daily-close', title: 'close.title', roles: kCounter, nav: 'nav.daily_close',
    render: (shell, f) => renderDailyClose(shell, f.dailyClose),
    enter: (f) => void f.dailyClose.enter(),
  },
  // The system administrator's screens: an admin lands on the first (see landingRoute).
  {
    name: 'users', title: 'users.title', roles: ['admin'], nav: 'nav.users',
    render: (shell, f) => renderUsers(shell, f.users),
    enter: (f) => void f.users.enter(),
  },
  {
    name: 'calendar', title: 'calendar.title', roles: ['admin'], nav: 'nav.calendar',
    render: (shell, f) => renderCalendar(shell, f.calendar),
    enter: (f) => void f.calendar.enter(),
  },
  {
    name: 'offices', title: 'offices.title', roles: ['admin'], nav: 'nav.offices',
    render: (shell, f) => renderOffices(shell, f.offices),
    enter: (f) => void f.offices.enter(),
  },
  {
    name: 'queue-admin', title: 'qadmin.title', roles: ['supervisor', 'admin'], nav: 'nav.queue_admin',
    render: (shell, f) => renderQueueAdmin(shell, f.queueAdmin),
    enter: (f) => void f.queueAdmin.enter(),
  },
  // 跨機關通報: the delivery board (supervisors and admins) and the agencies (admins).
  {
    name: 'notifications', title: 'board.title', roles: ['supervisor', 'admin'], nav: 'nav.notifications',
    render: (shell, f) => renderNotifications(shell, f.notifications),
    enter: (f) => void f.notifications.enter(),
  },
  {
    name: 'agencies', title: 'agencies.title', roles: ['admin'], nav: 'nav.agencies',
    render: (shell, f) => renderAgencies(shell, f.agencies),
    enter: (f) => void f.agencies.enter(),
  },
  {
    name: 'id-cards', title: 'idc.title', roles: kCounter, nav: 'nav.id_cards', param: true,
    render: (shell, f) => renderIdCards(shell, f.idCards),
    enter: (f, param) => f.idCards.enter(param),
  },
  {
    name: 'care-lists', title: 'care.title', roles: kCounter, nav: 'nav.care_lists',
    render: (shell, f) => renderCareLists(shell, f.careLists),
    enter: (f) => void f.careLists.enter(),
  },
  {
    name: 'inbound', title: 'inbound.title', roles: kCounter, nav: 'nav.inbound',
    render: (shell, f) => renderInbound(shell, f.inbound),
    enter: (f) => void f.inbound.enter(),
  },
  {
    name: 'notification-kpi', title: 'nkpi.title', roles: ['supervisor', 'admin', 'auditor'], nav: 'nav.notification_kpi',
    render: (shell, f) => renderNotificationKpi(shell, f.notificationKpi),
    enter: (f) => void f.notificationKpi.enter(),
  },
  {
    name: 'rules', title: 'rules.title', roles: ['admin', 'supervisor'], nav: 'nav.rules',
    render: (shell, f) => renderRules(shell, f.rules),
    enter: (f) => void f.rules.enter(),
  },
  // The counter queue (issue 20): the clerk's counter panel and the supervisor's view.
  {
    name: 'counter', title: 'qc.title', roles: kCounter, nav: 'nav.counter',
    render: (shell, f) => renderQueueCounter(shell, f.queueCounter),
    enter: (f) => void f.queueCounter.enter(),
  },
  {
    name: 'queue-supervisor', title: 'qs.title', roles: ['supervisor', 'admin'], nav: 'nav.queue_supervisor',
    render: (shell, f) => renderQueueSupervisor(shell, f.queueSupervisor),
    enter: (f) => void f.queueSupervisor.enter(),
  },
  {
    name: 'fees', title: 'fees.title', roles: ['clerk', 'supervisor', 'admin'], nav: 'nav.fees',
    render: (shell, f) => renderFees(shell, f.fees),
    enter: (f) => void f.fees.enter(),
  },
] as const satisfies readonly RouteSpec[];

export type Route = (typeof kRoutes)[number]['name'];

// Where an unknown address leads.
const kDefault: Route = 'lookup';

export function routeSpec(name: Route): RouteSpec {
  return kRoutes.find((r) => r.name === name) ?? routeSpec(kDefault);
}

// Where a role starts after signing in (and where an address it may not use points back to):
// its first screen in the navigation.
export function landingRoute(role: Role | undefined): Route {
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
  const m = /^#\/([a-z-]+)(?:\/([^?#]*))?$/.exec(hash);
  const spec = kRoutes.find((r) => r.name === m?.[1]);
  if (!spec) return { route: kDefault, param: '' };
  const param = 'param' in spec && m?.[2] ? decodeURIComponent(m[2]) : '';
  return { route: spec.name, param };
}

export function hashOf(where: Location): string {
  if (!routeSpec(where.route).param || (where.route === 'register' && !where.param)) return `#/${where.route}`;
  return `#/${where.route}/${where.param.split('/').map(encodeURIComponent).join('/')}`;
}
