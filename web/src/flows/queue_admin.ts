// 叫號設定 (#/queue-admin): the office's queue services, its counters with the services each
// serves, and the calling policy. An admin adds or changes any of them; a supervisor sees
// them and opens or closes a counter. The server checks every value (domain::queue::check_*)
// and answers a 4xx in both languages, shown beside the form it belongs to.

import * as api from '../api';
import type { QueueCounterConfig, QueuePolicy, QueueServiceConfig } from '../api';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export const kPolicyKeys = [
  'priority_ratio', 'max_overtaken', 'cap_min', 'recall_pause_s', 'no_show_grace_min',
  'target_wait_min', 'target_share_pct',
] as const;
export type PolicyKey = (typeof kPolicyKeys)[number];

export interface ServiceForm {
  code: string;
  nameZh: string;
  nameEn: string;
  base: string;
  sort: string;
  active: boolean;
}

export interface CounterForm {
  id: string;
  nameZh: string;
  nameEn: string;
  services: Set<string>;
  open: boolean;
  sort: string;
}

const emptyService = (): ServiceForm => ({ code: '', nameZh: '', nameEn: '', base: '', sort: '0', active: true });
const emptyCounter = (): CounterForm => ({ id: '', nameZh: '', nameEn: '', services: new Set(), open: true, sort: '0' });

// The control a server refusal names.
function serverField(code: string, en: string, counterFirst: string): string | undefined {
  const byCode: Record<string, string> = {
    'queue.service_code': 'qs-code', 'queue.service_name': 'qs-name-zh', 'queue.number_base': 'qs-base',
    'queue.number_base_taken': 'qs-base', 'queue.counter_id': 'qc-id', 'queue.counter_name': 'qc-name-zh',
    'queue.counter_services': `qc-service-${counterFirst}`, 'queue.unknown_service': `qc-service-${counterFirst}`,
  };
  if (code === 'queue.policy') {
    const key = kPolicyKeys.find((k) => en.startsWith(k));
    return key ? `qp-${key}` : undefined;
  }
  return byCode[code];
}

const whole = (text: string): number | null => (/^-?\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null);

type Form = 'service' | 'counter' | 'policy';

export class QueueAdminFlow {
  services: QueueServiceConfig[] | null = null;
  counters: QueueCounterConfig[] | null = null;
  policy: QueuePolicy | null = null;
  listFailure: Msg | null = null;

  editingService: string | null = null;
  serviceForm: ServiceForm = emptyService();
  editingCounter: string | null = null;
  counterForm: CounterForm = emptyCounter();
  policyForm: Record<PolicyKey, string> = Object.fromEntries(kPolicyKeys.map((k) => [k, ''])) as Record<PolicyKey, string>;

  errors: Record<Form, FieldError[]> = { service: [], counter: [], policy: [] };
  failure: Record<Form, Msg | null> = { service: null, counter: null, policy: null };
  notice: Msg | null = null;
  busy = false;

  constructor(private readonly shell: Shell) {}

  get admin(): boolean {
    return this.shell.session?.user.role === 'admin';
  }

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      const token = this.shell.token;
      [this.services, this.counters, this.policy] = await Promise.all([
        api.queueConfigServices(token), api.queueConfigCounters(token), api.queuePolicy(token)]);
      this.listFailure = null;
      this.resetPolicyForm();
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  private resetPolicyForm(): void {
    if (this.policy) for (const k of kPolicyKeys) this.policyForm[k] = String(this.policy[k]);
  }

  editService(code: string): void {
    const s = this.services?.find((x) => x.code === code);
    if (!s) return;
    this.editingService = code;
    this.serviceForm = { code: s.code, nameZh: s.name_zh, nameEn: s.name_en, base: String(s.number_base),
      sort: String(s.sort), active: s.active };
    this.clear('service');
    this.shell.show('qs-form-title');
  }

  newService(): void {
    this.editingService = null;
    this.serviceForm = emptyService();
    this.clear('service');
    this.shell.show('qs-form-title');
  }

  editCounter(id: string): void {
    const c = this.counters?.find((x) => x.id === id);
    if (!c) return;
    this.editingCounter = id;
    this.counterForm = { id: c.id, nameZh: c.name_zh, nameEn: c.name_en, services: new Set(c.services),
      open: c.open, sort: String(c.sort) };
    this.clear('counter');
    this.shell.show('qc-form-title');
  }

  newCounter(): void {
    this.editingCounter = null;
    this.counterForm = emptyCounter();
    this.clear('counter');
    this.shell.show('qc-form-title');
  }

  toggleService(code: string, on: boolean): void {
    if (on) this.counterForm.services.add(code); else this.counterForm.services.delete(code);
  }

  private clear(form: Form): void {
    this.errors[form] = [];
    this.failure[form] = null;
    this.notice = null;
  }

  private required(errors: FieldError[], id: string, value: string, key: MessageKey): void {
    if (value.trim() === '') errors.push({ field: id, msg: { key } });
  }

  private number(errors: FieldError[], id: string, value: string): number {
    const n = whole(value);
    if (n === null) errors.push({ field: id, msg: { key: 'qadmin.whole_number' } });
    return n ?? 0;
  }

  async saveService(): Promise<void> {
    const f = this.serviceForm;
    const errors: FieldError[] = [];
    this.required(errors, 'qs-code', f.code, 'qadmin.code_required');
    this.required(errors, 'qs-name-zh', f.nameZh, 'qadmin.name_required');
    this.required(errors, 'qs-name-en', f.nameEn, 'qadmin.name_required');
    const base = this.number(errors, 'qs-base', f.base);
    const sort = this.number(errors, 'qs-sort', f.sort);
    const input: QueueServiceConfig = { code: f.code.trim(), name_zh: f.nameZh.trim(), name_en: f.nameEn.trim(),
      number_base: base, sort, active: f.active };
    await this.save('service', errors, 'qs-errors', async () => {
      const saved = await api.putQueueService(this.shell.token, input);
      this.services = upsert(this.services ?? [], saved, (x) => x.code === saved.code);
      this.editingService = null;
      this.serviceForm = emptyService();
      return { key: 'qadmin.service_saved', params: { code: saved.code } };
    });
  }

  async saveCounter(): Promise<void> {
    const f = this.counterForm;
    const errors: FieldError[] = [];
    const first = this.services?.[0]?.code ?? '';
    this.required(errors, 'qc-id', f.id, 'qadmin.id_required');
    this.required(errors, 'qc-name-zh', f.nameZh, 'qadmin.name_required');
    this.required(errors, 'qc-name-en', f.nameEn, 'qadmin.name_required');
    if (f.services.size === 0) errors.push({ field: `qc-service-${first}`, msg: { key: 'qadmin.services_required' } });
    const sort = this.number(errors, 'qc-sort', f.sort);
    const input: QueueCounterConfig = { id: f.id.trim(), name_zh: f.nameZh.trim(), name_en: f.nameEn.trim(),
      services: (this.services ?? []).map((s) => s.code).filter((c) => f.services.has(c)), open: f.open, sort };
    await this.save('counter', errors, 'qc-errors', async () => {
      const saved = await api.putQueueCounter(this.shell.token, input);
      this.counters = upsert(this.counters ?? [], saved, (x) => x.id === saved.id);
      this.editingCounter = null;
      this.counterForm = emptyCounter();
      return { key: 'qadmin.counter_saved', params: { id: saved.id } };
    });
  }

  // Opens or closes a counter (a supervisor may do this, nothing else): its stored form with
  // `open` changed.
  async setOpen(c: QueueCounterConfig, open: boolean): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.busy = true;
    this.notice = null;
    try {
      const saved = await api.putQueueCounter(this.shell.token, { ...c, open });
      this.counters = upsert(this.counters ?? [], saved, (x) => x.id === saved.id);
      const key = open ? 'qadmin.opened' : 'qadmin.closed';
      this.notice = { key, params: { id: saved.id } };
      this.shell.announce(t(key, { id: saved.id }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.notice = failureOf(err);
    }
    this.busy = false;
    this.shell.show('qadmin-notice');
  }

  async savePolicy(): Promise<void> {
    const errors: FieldError[] = [];
    const p = Object.fromEntries(kPolicyKeys.map((k) => [k, this.number(errors, `qp-${k}`, this.policyForm[k])])) as unknown as QueuePolicy;
    await this.save('policy', errors, 'qp-errors', async () => {
      this.policy = await api.putQueuePolicy(this.shell.token, p);
      this.resetPolicyForm();
      return { key: 'qadmin.policy_saved' };
    });
  }

  private async save(form: Form, errors: FieldError[], focus: string,
    put: () => Promise<{ key: MessageKey; params?: Record<string, string> }>): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.clear(form);
    this.errors[form] = errors;
    if (errors.length) {
      this.shell.show(focus);
      return;
    }
    this.busy = true;
    try {
      const done = await put();
      this.busy = false;
      this.notice = done;
      this.shell.show('qadmin-notice');
      this.shell.announce(t(done.key, done.params));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure[form] = failureOf(err);
      if (err instanceof api.ApiError && err.body) {
        const field = serverField(err.body.code, err.body.message_en, this.services?.[0]?.code ?? '');
        if (field) this.errors[form] = [{ field, msg: { server: err.body } }];
      }
      this.shell.show(focus);
    }
  }
}

function upsert<T>(list: T[], item: T, same: (x: T) => boolean): T[] {
  return list.some(same) ? list.map((x) => (same(x) ? item : x)) : [...list, item];
}
