// The counter queue's routes (/api/v1/queue/…, issue 20) as the kiosk, the counter panel and
// the supervisor's view use them. The public routes (services, issuing a ticket, a ticket's
// progress) take no token.

import { call, fetchBlob } from './api';

export type Priority = 'elderly' | 'disabled' | 'pregnant';

export interface QueueService {
  code: string;
  name_zh: string;
  name_en: string;
  number_base: number;
  active: boolean;
}

export interface QueueCounter {
  id: string;
  name_zh: string;
  name_en: string;
  services: string[];
  open: boolean;
}

export type TicketStatus = 'waiting' | 'called' | 'done' | 'no_show' | 'cancelled';

export interface Ticket {
  id: number;
  number: number;
  service: string;
  issued_service: string;
  day: string;
  status: TicketStatus;
  priority: boolean;
  priority_reason: string;
  source: string;
  arrived_at_ms: number;
  ready_at_ms: number;
  position: number;
  estimated_wait_min: number;
  estimate_low_min: number;
  estimate_high_min: number;
  quoted_wait_min: number;
  counter: string;
  called_at_ms: number;
  calls: number;
  finished_at_ms: number;
  outcome: string;
  link: string;
  appointment_id: number;
}

export interface Spread {
  count: number;
  median_min: number | null;
  p90_min: number | null;
}

export interface StatsGroup {
  service?: string;
  counter?: string;
  clerk?: string;
  called: number;
  wait: Spread;
  service_time: Spread;
  within_target: number;
  no_shows: number;
}

export interface QueueStatistics {
  office: string;
  from: string;
  to: string;
  issued: number;
  called: number;
  served: number;
  cancelled: number;
  wait: Spread;
  service_time: Spread;
  target: { wait_min: number; share_pct: number; within: number; share: number | null; met: boolean };
  no_shows: { count: number; share: number | null };
  appointments: { called: number; on_time: number; share: number | null; within_min: number };
  arrivals_by_hour: number[];
  by_service: StatsGroup[];
  by_counter: StatsGroup[];
  by_clerk: StatsGroup[];
}

export async function queueServices(token?: string): Promise<QueueService[]> {
  return (await call<{ services: QueueService[] }>('GET', '/queue/services', { token })).services;
}

export async function issueTicket(input: { service: string; priority: boolean; priority_reason: string; source: 'kiosk' | 'web' }): Promise<Ticket> {
  return (await call<{ ticket: Ticket }>('POST', '/queue/tickets', { body: input })).ticket;
}

export async function queueTicket(id: number): Promise<Ticket> {
  return (await call<{ ticket: Ticket }>('GET', `/queue/tickets/${id}`)).ticket;
}

export async function queueCounters(token: string): Promise<QueueCounter[]> {
  return (await call<{ counters: QueueCounter[] }>('GET', '/queue/counters', { token })).counters;
}

// Today's tickets of the actor's office (staff).
export async function todaysTickets(token: string, status = ''): Promise<Ticket[]> {
  const q = status ? `?${new URLSearchParams({ status })}` : '';
  return (await call<{ tickets: Ticket[] }>('GET', `/queue/tickets${q}`, { token })).tickets;
}

// The counter's next ticket, or null when nobody waits (204).
export async function callNext(token: string, counter: string): Promise<Ticket | null> {
  const r = await call<{ ticket: Ticket } | undefined>('POST', `/queue/counters/${encodeURIComponent(counter)}/call-next`, { token });
  return r?.ticket ?? null;
}

export async function queueStatistics(token: string, from: string, to: string): Promise<QueueStatistics> {
  return call('GET', `/queue/statistics?${new URLSearchParams({ from, to })}`, { token });
}

export function queueStatisticsCsv(token: string, from: string, to: string): Promise<Blob> {
  return fetchBlob(token, `/queue/statistics.csv?${new URLSearchParams({ from, to })}`);
}

// A chosen ticket called to the counter, out of order.
export async function callTicket(token: string, counter: string, ticketId: number): Promise<Ticket> {
  return (await call<{ ticket: Ticket }>('POST', `/queue/counters/${encodeURIComponent(counter)}/call`,
    { token, body: { ticket_id: ticketId } })).ticket;
}

export type TicketStep = 'recall' | 'no-show' | 'return' | 'cancel';

export async function ticketStep(token: string, id: number, step: TicketStep): Promise<Ticket> {
  return (await call<{ ticket: Ticket }>('POST', `/queue/tickets/${id}/${step}`, { token, body: {} })).ticket;
}

export async function transferTicket(token: string, id: number, service: string): Promise<Ticket> {
  return (await call<{ ticket: Ticket }>('POST', `/queue/tickets/${id}/transfer`, { token, body: { service } })).ticket;
}

export async function finishTicket(token: string, id: number, outcome: string, link: string): Promise<Ticket> {
  return (await call<{ ticket: Ticket }>('POST', `/queue/tickets/${id}/finish`, { token, body: { outcome, link } })).ticket;
}

// The office's counters, services and today's tickets, read together (staff screens).
export async function todaysQueue(token: string): Promise<{ counters: QueueCounter[]; services: QueueService[]; tickets: Ticket[] }> {
  const [counters, services, tickets] = await Promise.all([queueCounters(token), queueServices(token), todaysTickets(token)]);
  return { counters, services, tickets };
}

// The estimates' crowd-dispersion advice (GET /api/v1/queue/advice): per service the predicted
// wait of the last in line against the target, and which counter to open or re-assign.
export interface ServiceAdvice {
  service: string;
  name_zh?: string;
  name_en?: string;
  waiting: number;
  last_wait_min: number;
  target_wait_min: number;
  over_target: boolean;
  advice: { action: string; counter: string; from_services: string[]; wait_after_min: number; text_zh: string; text_en: string } | null;
}

export async function queueAdvice(token: string): Promise<ServiceAdvice[]> {
  return (await call<{ services: ServiceAdvice[] }>('GET', '/queue/advice', { token })).services;
}
