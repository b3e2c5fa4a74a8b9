// 辦公日曆 (#/calendar): the government office calendar the deadlines count working days on.
// An admin sees the years loaded (from the files shipped or loaded by an admin), the days one
// year lists (holidays on weekdays, make-up working days on weekends), and loads a year from
// its file; a warning says when next year's calendar is missing.

import * as api from '../api';
import type { CalendarDay, CalendarYear, ErrorBody } from '../api';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export class CalendarFlow {
  years: CalendarYear[] | null = null;
  warnings: ErrorBody[] = [];
  listFailure: Msg | null = null;
  shown: number | null = null;  // the year whose days are listed
  days: CalendarDay[] | null = null;
  daysFailure: Msg | null = null;
  notice: Msg | null = null;

  year = '';
  text = '';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      const overview = await api.calendarOverview(this.shell.token);
      this.years = overview.years;
      this.warnings = overview.warnings;
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  async show(year: number): Promise<void> {
    this.shown = year;
    this.days = null;
    this.daysFailure = null;
    try {
      this.days = await api.calendarDays(this.shell.token, year);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.daysFailure = failureOf(err);
    }
    this.shell.show('days-title');
  }

  // A file chosen: its text goes into the form (and its year, from a name like 2027.txt).
  fileRead(name: string, text: string): void {
    this.text = text;
    const m = /(\d{4})\.txt$/.exec(name) ?? /^\s*year\s+(\d{4})\s*$/m.exec(text);
    if (m?.[1]) this.year = m[1];
    this.shell.show('calendar-year');
  }

  async load(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    this.notice = null;
    const year = this.year.trim();
    if (!/^\d{4}$/.test(year)) {
      this.errors.push({ field: 'calendar-year', msg: { key: 'calendar.year_invalid' } });
    }
    if (this.text.trim() === '') {
      this.errors.push({ field: 'calendar-text', msg: { key: 'calendar.text_required' } });
    }
    if (this.errors.length) {
      this.shell.show('calendar-errors');
      return;
    }
    this.busy = true;
    this.shell.show('calendar-submit');
    try {
      const loaded = await api.loadCalendarYear(this.shell.token, Number(year), this.text);
      this.busy = false;
      this.notice = { key: 'calendar.loaded', params: { year: loaded.year } };
      this.text = '';
      this.year = '';
      await this.enter();
      await this.show(loaded.year);
      this.shell.show('calendar-notice');
      this.shell.announce(t('calendar.loaded', { year: loaded.year }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('calendar-errors');
    }
  }
}
