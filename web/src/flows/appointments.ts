// 預約 (#/appointments): the office's appointments of a day (today by default) with check-in
// (a queue ticket), no-show and cancel; a booking taken by phone; the home-visit requests to
// schedule, complete or decline. The server keeps the rules, the audit and the no-shows.

import * as api from '../api';
import type { Appointment, HomeVisit } from '../api';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import type { Shell } from '../shell';

const taipeiToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

export class AppointmentsFlow {
  day = taipeiToday();
  appointments: Appointment[] | null = null;
  visits: HomeVisit[] | null = null;
  failure: Msg | null = null;
  notice: string | null = null;
  phone: Record<string, string> = { service: '', day: '', start: '', name: '', id_number: '', phone: '' };
  visitDay: Record<number, string> = {};

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    await this.load(null);
  }

  async load(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.appointments = await api.listAppointments(this.shell.token, this.day);
      this.visits = await api.listHomeVisits(this.shell.token);
      this.failure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  private async act(run: () => Promise<string>): Promise<void> {
    try {
      this.notice = await run();
      this.failure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.notice = null;
    }
    await this.load('appt-status');
  }

  step(a: Appointment, step: 'check-in' | 'cancel' | 'no-show', done: (a: Appointment, ticket?: number) => string): Promise<void> {
    return this.act(async () => {
      const r = await api.appointmentStep(this.shell.token, a.id, step);
      return done(r.appointment, r.ticket?.number);
    });
  }

  book(done: (a: Appointment, code: string) => string): Promise<void> {
    return this.act(async () => {
      const r = await api.bookByPhone(this.shell.token, { ...this.phone, id_number: (this.phone.id_number ?? '').toUpperCase() });
      this.phone = { service: '', day: '', start: '', name: '', id_number: '', phone: '' };
      return done(r.appointment, r.code);
    });
  }

  visit(v: HomeVisit, action: 'schedule' | 'complete' | 'decline', done: (v: HomeVisit) => string): Promise<void> {
    return this.act(async () => {
      const at = action === 'schedule' ? Date.parse(`${this.visitDay[v.id] ?? ''}T09:00:00+08:00`) : 0;
      const r = await api.homeVisitStep(this.shell.token, v.id, action, Number.isNaN(at) ? 0 : at);
      return done(r.home_visit);
    });
  }
}
