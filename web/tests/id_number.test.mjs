// The client's ID number check (src/id_number.ts) against the server's own verdict
// (GET /api/v1/id-numbers/{value}) on 20,000 seeded numbers: the clerk is never told a number
// is wrong that the server would take, nor the other way round. Runs on a real huji (see
// support.mjs).

import './ts_hooks.mjs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support.mjs';

const { checkIdNumber } = await import('../src/id_number.ts');

let server = null;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

test('ID numbers: the client agrees with the server on 20,000 seeded numbers', async () => {
  let seed = 20240501;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const seconds = '1289ABCD';
  const numbers = [];
  for (let i = 0; i < 20_000; i++) {
    let v = letters[rand(26)] + seconds[rand(8)];
    for (let j = 0; j < 8; j++) v += String(rand(10));
    numbers.push(v);
  }
  const verdicts = new Map();
  const ask = async (v) => {
    const res = await fetch(`${server.url}/api/v1/id-numbers/${v}`);
    assert.equal(res.status, 200, v);
    verdicts.set(v, await res.json());
  };
  // A few requests at a time, on the loopback.
  for (let i = 0; i < numbers.length; i += 16) await Promise.all(numbers.slice(i, i + 16).map(ask));
  let valid = 0;
  for (const v of numbers) {
    const ours = checkIdNumber(v);
    const theirs = verdicts.get(v);
    assert.equal(ours.valid, theirs.valid, v);
    if (ours.valid) {
      valid++;
      assert.equal(ours.kind, theirs.kind, `${v}: kind`);
      assert.equal(ours.sex, theirs.sex, `${v}: sex`);
    }
  }
  assert.ok(valid > 1500 && valid < 2500, `about one in ten is valid, got ${valid}`);
});
