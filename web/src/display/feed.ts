// The lobby display's state from its WebSocket (/api/v1/queue/display): the snapshot it gets
// on connecting, then calls with their sequence numbers. A call at or below the last seq shown
// is a repeat (a replay overlapping what was seen) and is dropped, so that nothing is announced
// twice; the last seq is kept by the page (localStorage) across reloads. Pure: no DOM.

export interface Call {
  type: 'call';
  seq: number;
  ticket_id: number;
  number: number;
  counter: string;
  counter_name_zh: string;
  counter_name_en: string;
  service: string;
  recall: boolean;
  at_ms: number;
}

export interface Serving {
  counter: string;
  name_zh: string;
  name_en: string;
  open: boolean;
  number: number;
  service: string;
  called_ms: number;
}

export interface Snapshot {
  type: 'snapshot';
  seq: number;
  counters: Serving[];
  recent: Call[];
}

export interface Board {
  counters: Serving[];
  recent: Call[]; // newest first
  lastSeq: number | null;
}

export const kRecent = 8;

export function emptyBoard(lastSeq: number | null): Board {
  return { counters: [], recent: [], lastSeq };
}

// The board after a snapshot. A display that never showed a call starts at the snapshot; one
// whose last seq is beyond it (the office's queue was reset) starts there too.
export function applySnapshot(board: Board, s: Snapshot): Board {
  const lastSeq = board.lastSeq === null || board.lastSeq > s.seq ? s.seq : board.lastSeq;
  // What the display has not shown yet comes as calls after the snapshot: the snapshot shows
  // the state before them, so that each is still seen arriving.
  const counters = s.counters.map((c) => ({ ...c }));
  const recent = s.recent.filter((c) => c.seq <= lastSeq).reverse().slice(0, kRecent);
  return { counters, recent, lastSeq };
}

// The board after a call, and whether it is new (to be announced).
export function applyCall(board: Board, c: Call): { board: Board; fresh: boolean } {
  if (board.lastSeq !== null && c.seq <= board.lastSeq) return { board, fresh: false };
  const counters = board.counters.some((x) => x.counter === c.counter)
    ? board.counters.map((x) =>
        x.counter === c.counter ? { ...x, number: c.number, service: c.service, called_ms: c.at_ms } : x)
    : [...board.counters, {
        counter: c.counter, name_zh: c.counter_name_zh, name_en: c.counter_name_en, open: true,
        number: c.number, service: c.service, called_ms: c.at_ms,
      }];
  const recent = [c, ...board.recent.filter((x) => x.seq !== c.seq)].slice(0, kRecent);
  return { board: { counters, recent, lastSeq: c.seq }, fresh: true };
}

// Waits before the n-th reconnect attempt (0-based): 0.5 s doubling to 15 s, with jitter so
// that a lobby's displays do not all come back at once.
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 15000);
  return Math.round(base * (0.75 + 0.5 * random()));
}

// The announcement WAVs of a call, in the order they are played: Mandarin, Hakka, English.
export const kVoices = ['cmn', 'hak', 'en'] as const;
export function announcementUrls(c: Pick<Call, 'number' | 'counter'>, office = ''): string[] {
  const q = office ? `?office=${encodeURIComponent(office)}` : '';
  return kVoices.map((l) =>
    `/api/v1/queue/announcements/${l}/${c.number}/${encodeURIComponent(c.counter)}.wav${q}`);
}
