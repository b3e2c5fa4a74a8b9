// Unit tests of the lobby display's state (src/display/feed.ts) in Node: snapshot and calls,
// repeats dropped (so nothing is announced twice), the reconnect backoff, announcement URLs.
//
//   node --test tests/display_unit.test.mjs

import './ts_hooks.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const { applySnapshot, applyCall, emptyBoard, backoffMs, announcementUrls, kRecent } =
  await import('../src/display/feed.ts');

const call = (seq, number, counter = '1') => ({
  type: 'call', seq, ticket_id: seq, number, counter, counter_name_zh: '', counter_name_en: '',
  service: 'transcript', recall: false, at_ms: seq,
});
const snapshot = (seq, recent = []) => ({
  type: 'snapshot', seq, recent,
  counters: [{ counter: '1', name_zh: '', name_en: '', open: true, number: 0, service: '', called_ms: 0 }],
});

test('a fresh display starts at the snapshot and announces only later calls', () => {
  let b = applySnapshot(emptyBoard(null), snapshot(5, [call(4, 2004), call(5, 2005)]));
  assert.equal(b.lastSeq, 5);
  assert.deepEqual(b.recent.map((c) => c.seq), [5, 4]);
  assert.equal(applyCall(b, call(5, 2005)).fresh, false);
  const r = applyCall(b, call(6, 2006, '3'));
  assert.equal(r.fresh, true);
  b = r.board;
  assert.equal(b.lastSeq, 6);
  assert.equal(b.counters.find((c) => c.counter === '3').number, 2006);
  assert.equal(b.recent[0].number, 2006);
});

test('a resuming display keeps its last seq; replayed calls are fresh once', () => {
  let b = applySnapshot(emptyBoard(3), snapshot(6, [call(4, 1), call(5, 2), call(6, 3)]));
  assert.equal(b.lastSeq, 3);
  assert.deepEqual(b.recent, []);
  const fresh = [];
  for (const c of [call(4, 1), call(5, 2), call(5, 2), call(6, 3), call(4, 1)]) {
    const r = applyCall(b, c);
    b = r.board;
    if (r.fresh) fresh.push(c.seq);
  }
  assert.deepEqual(fresh, [4, 5, 6]);
  // A queue reset (last seq beyond the office's): start at the snapshot.
  assert.equal(applySnapshot(emptyBoard(99), snapshot(2)).lastSeq, 2);
});

test('recent calls are bounded; counters update in place', () => {
  let b = applySnapshot(emptyBoard(null), snapshot(0));
  for (let i = 1; i <= 20; i++) b = applyCall(b, call(i, 1000 + i)).board;
  assert.equal(b.recent.length, kRecent);
  assert.equal(b.counters.length, 1);
  assert.equal(b.counters[0].number, 1020);
});

test('backoff doubles to 15 s with jitter; URLs are Mandarin, Hakka, English', () => {
  assert.equal(backoffMs(0, () => 0.5), 500);
  assert.equal(backoffMs(3, () => 0.5), 4000);
  assert.equal(backoffMs(30, () => 0.5), 15000);
  assert.ok(backoffMs(2, () => 0) >= 1500 && backoffMs(2, () => 1) <= 2500);
  assert.deepEqual(announcementUrls({ number: 2001, counter: '3' }), [
    '/api/v1/queue/announcements/cmn/2001/3.wav',
    '/api/v1/queue/announcements/hak/2001/3.wav',
    '/api/v1/queue/announcements/en/2001/3.wav',
  ]);
  assert.match(announcementUrls({ number: 1, counter: '2' }, '63000080')[0], /\?office=63000080$/);
});
