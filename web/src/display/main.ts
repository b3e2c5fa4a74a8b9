// The lobby display (/display, no login; issue 20 item 5): now serving at each counter and the
// latest calls, in Chinese and English at once, numbers large enough to read across a lobby,
// white and yellow on black (contrast over 7:1). It listens on the queue's WebSocket (no
// polling), reconnects by itself with backoff and resumes after the last call it showed
// (remembered across reloads), so a call is shown and announced once. Each call is both seen
// (highlighted, and read by a screen reader) and heard — Mandarin, Hakka, then English, one
// announcement after another, never overlapping — once sound is turned on (a browser plays
// sound only after a click or key). ?office=CODE picks the office where several have a queue.

import './display.css';
import { h } from '../dom';
import {
  announcementUrls, applyCall, applySnapshot, backoffMs, emptyBoard,
} from './feed';
import type { Board, Call, Snapshot } from './feed';

declare global {
  interface Window {
    // Every call announced, in order (for tests and for a look in the console).
    __announced: { seq: number; number: number; counter: string }[];
  }
}

const office = new URLSearchParams(location.search).get('office') ?? '';
const kSeqKey = `huji.display.seq.${office || 'default'}`;
const kSoundKey = 'huji.display.sound';

function storedSeq(): number | null {
  const v = Number(localStorage.getItem(kSeqKey) ?? 'NaN');
  return Number.isInteger(v) && v >= 0 ? v : null;
}

let board: Board = emptyBoard(storedSeq());
let connected = false;
let highlight: Call | null = null;
let soundOn = localStorage.getItem(kSoundKey) === 'on';
let soundBlocked = false;
window.__announced = [];

// ---- sound: one queue, one announcement at a time ----

const player = new Audio();
const queue: string[] = [];
let playing = false;

async function playNext(): Promise<void> {
  if (playing) return;
  playing = true;
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (!soundOn) continue;
    try {
      player.src = url;
      await player.play();
      await new Promise<void>((resolve) => {
        player.onended = () => resolve();
        player.onerror = () => resolve();
      });
    } catch {
      // Autoplay refused (no click yet) or the clip failed: the call is still shown.
      soundBlocked = true;
      queue.length = 0;
      render();
    }
  }
  playing = false;
}

function announce(c: Call): void {
  window.__announced.push({ seq: c.seq, number: c.number, counter: c.counter });
  highlight = c;
  const live = document.getElementById('announce-live');
  if (live) live.textContent = `${callTextZh(c)}。${callTextEn(c)}`;
  if (soundOn) {
    queue.push(...announcementUrls(c, office));
    void playNext();
  }
}

function callTextZh(c: Call): string {
  return `請 ${c.number} 號到 ${c.counter} 號櫃台`;
}
function callTextEn(c: Call): string {
  return `Number ${c.number}, please go to counter ${c.counter}`;
}

// ---- the WebSocket ----

let attempt = 0;

function connect(): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const q = new URLSearchParams();
  if (office) q.set('office', office);
  if (board.lastSeq !== null) q.set('after', String(board.lastSeq));
  const qs = q.toString();
  const ws = new WebSocket(`${scheme}://${location.host}/api/v1/queue/display${qs ? `?${qs}` : ''}`);
  ws.onopen = () => {
    attempt = 0;
    connected = true;
    render();
  };
  ws.onmessage = (ev) => {
    let m: Snapshot | Call;
    try {
      m = JSON.parse(String(ev.data)) as Snapshot | Call;
    } catch {
      return;
    }
    if (m.type === 'snapshot') {
      board = applySnapshot(board, m);
    } else if (m.type === 'call') {
      const next = applyCall(board, m);
      board = next.board;
      if (next.fresh) announce(m);
    }
    if (board.lastSeq !== null) localStorage.setItem(kSeqKey, String(board.lastSeq));
    render();
  };
  ws.onclose = () => {
    connected = false;
    render();
    setTimeout(connect, backoffMs(attempt++));
  };
}

// ---- the page ----

function toggleSound(): void {
  soundOn = !soundOn || soundBlocked;
  soundBlocked = false;
  localStorage.setItem(kSoundKey, soundOn ? 'on' : 'off');
  // The click itself is what lets the browser play sound from now on.
  if (!soundOn) {
    queue.length = 0;
    player.pause();
  }
  render();
}

function number(n: number): string {
  return n > 0 ? String(n) : '—';
}

function render(): void {
  const app = document.getElementById('app')!;
  const sound = soundOn && !soundBlocked;
  const hl = highlight;
  const refocus = document.activeElement?.classList.contains('sound') ?? false;
  app.replaceChildren(
    h('header', { class: 'bar' },
      h('h1', {}, '叫號 ', h('span', { lang: 'en' }, 'Now serving')),
      h('p', { class: connected ? 'state ok' : 'state down', role: 'status' },
        connected ? '● 已連線 ' : '○ 重新連線中… ',
        h('span', { lang: 'en' }, connected ? 'Connected' : 'Reconnecting…')),
      h('button', {
        type: 'button', class: 'sound', 'aria-pressed': String(sound), onclick: toggleSound,
      }, sound ? '🔊 聲音：開 ' : '🔇 聲音：關 ', h('span', { lang: 'en' }, sound ? 'Sound on' : 'Sound off'))),
    h('main', { class: 'board' },
      h('section', { class: 'latest', 'aria-label': '最新叫號 Latest call' },
        hl
          ? h('p', { class: 'call', 'data-seq': String(hl.seq) },
            h('span', { class: 'big-number' }, String(hl.number)),
            h('span', { class: 'to' }, `→ ${hl.counter} 號櫃台 `, h('span', { lang: 'en' }, `Counter ${hl.counter}`)))
          : h('p', { class: 'call idle' }, '請稍候 ', h('span', { lang: 'en' }, 'Please wait'))),
      h('section', { class: 'counters', 'aria-label': '各櫃台服務號碼 Now serving by counter' },
        h('ul', {}, ...board.counters.map((c) =>
          h('li', { class: c.counter === hl?.counter ? 'counter hot' : 'counter', 'data-counter': c.counter },
            h('span', { class: 'name' }, `${c.counter} 號櫃台 `, h('span', { lang: 'en' }, `Counter ${c.counter}`)),
            h('span', { class: 'number' }, number(c.number)))))),
      h('section', { class: 'recent', 'aria-label': '最近叫號 Recent calls' },
        h('h2', {}, '最近叫號 ', h('span', { lang: 'en' }, 'Recent calls')),
        h('ol', {}, ...board.recent.map((c) =>
          h('li', {}, h('span', { class: 'number' }, String(c.number)), ` → ${c.counter}`)))),
    ),
  );
  if (refocus) app.querySelector<HTMLButtonElement>('button.sound')?.focus();
}

render();
connect();
