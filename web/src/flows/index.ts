// Every screen's state and actions, one flow per screen; a new set after each sign-out so
// that nothing of one session is shown in the next.

import type { Shell } from '../shell';
import { AgenciesFlow } from './agencies';
import { AppointmentsFlow } from './appointments';
import { CalendarFlow } from './calendar';
import { AuditFlow } from './audit';
import { AuditSamplesFlow } from './audit_samples';
import { CareListsFlow } from './care_lists';
import { CashierFlow, DailyCloseFlow, FeesFlow, ReceiptsFlow } from './cashier';
import { HouseholdFlow } from './household';
import { IdCardsFlow } from './id_cards';
import { InboundFlow } from './inbound';
import { LoginFlow } from './login';
import { LookupFlow } from './lookup';
import { MyCasesFlow } from './my_cases';
import { NationalityFlow } from './nationality';
import { NotificationsFlow } from './notifications';
import { NotificationKpiFlow } from './notification_kpi';
import { OfficesFlow } from './offices';
import { QueueCounterFlow } from './queue_counter';
import { QueueSupervisorFlow } from './queue_supervisor';
import { QueueAdminFlow } from './queue_admin';
import { RegisterFlow } from './register';
import { RemindersFlow } from './reminders';
import { TranscriptsFlow } from './transcripts';
import { ReviewFlow } from './review';
import { RulesFlow } from './rules';
import { SamplingFlow } from './sampling';
import { SealsFlow } from './seals';
import { UsersFlow } from './users';

export interface Flows {
  login: LoginFlow;
  lookup: LookupFlow;
  household: HouseholdFlow;
  register: RegisterFlow;
  myCases: MyCasesFlow;
  review: ReviewFlow;
  sampling: SamplingFlow;
  nationality: NationalityFlow;
  reminders: RemindersFlow;
  appointments: AppointmentsFlow;
  transcripts: TranscriptsFlow;
  careLists: CareListsFlow;
  notificationKpi: NotificationKpiFlow;
  seals: SealsFlow;
  idCards: IdCardsFlow;
  rules: RulesFlow;
  users: UsersFlow;
  offices: OfficesFlow;
  queueAdmin: QueueAdminFlow;
  calendar: CalendarFlow;
  audit: AuditFlow;
  samples: AuditSamplesFlow;
  cashier: CashierFlow;
  receipts: ReceiptsFlow;
  dailyClose: DailyCloseFlow;
  fees: FeesFlow;
  notifications: NotificationsFlow;
  agencies: AgenciesFlow;
  inbound: InboundFlow;
  queueCounter: QueueCounterFlow;
  queueSupervisor: QueueSupervisorFlow;
}

export function newFlows(shell: Shell): Flows {
  return {
    login: new LoginFlow(shell),
    lookup: new LookupFlow(shell),
    household: new HouseholdFlow(shell),
    register: new RegisterFlow(shell),
    myCases: new MyCasesFlow(shell),
    review: new ReviewFlow(shell),
    sampling: new SamplingFlow(shell),
    nationality: new NationalityFlow(shell),
    reminders: new RemindersFlow(shell),
    appointments: new AppointmentsFlow(shell),
    transcripts: new TranscriptsFlow(shell),
    careLists: new CareListsFlow(shell),
    notificationKpi: new NotificationKpiFlow(shell),
    seals: new SealsFlow(shell),
    idCards: new IdCardsFlow(shell),
    rules: new RulesFlow(shell),
    users: new UsersFlow(shell),
    offices: new OfficesFlow(shell),
    queueAdmin: new QueueAdminFlow(shell),
    calendar: new CalendarFlow(shell),
    audit: new AuditFlow(shell),
    samples: new AuditSamplesFlow(shell),
    cashier: new CashierFlow(shell),
    receipts: new ReceiptsFlow(shell),
    dailyClose: new DailyCloseFlow(shell),
    fees: new FeesFlow(shell),
    notifications: new NotificationsFlow(shell),
    agencies: new AgenciesFlow(shell),
    inbound: new InboundFlow(shell),
    queueCounter: new QueueCounterFlow(shell),
    queueSupervisor: new QueueSupervisorFlow(shell),
  };
}
