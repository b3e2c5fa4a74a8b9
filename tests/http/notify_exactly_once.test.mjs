// Exactly-once cross-agency notification under kill -9 (issue 19, "Deliveries survive a restart
// and kill -9 of either side"): a few rounds of tests/http/notify_rounds.mjs — registrations
// that notify two agencies approved while `huji serve` and `huji agency-sim` (failing 15 % of
// deliveries with 429, 500 or 502, answering after 10 ms) are killed with SIGKILL at random points
// and restarted on the same database and file — each round proven from the simulator's file.
// bench/notify_soak.sh runs hundreds of rounds. Runs on both backends (HUJI_TEST_BACKEND).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, round, prove, seeded } from './notify_rounds.mjs';

const ROUNDS = Number(process.env.HUJI_NOTIFY_ROUNDS || 3);
const SEED = Number(process.env.HUJI_NOTIFY_SEED || Date.now() % 100000);

test(`every notification reaches its agency exactly once, in order per person, across kill -9 of either side (${ROUNDS} rounds, seed ${SEED})`, { timeout: 60000 + ROUNDS * 60000 }, async () => {
  const random = seeded(SEED);
  const run = await setUp({ persons: 4 });
  try {
    let figures;
    for (let r = 0; r < ROUNDS; ++r) {
      const notifications = await round(run, random, { changes: 3, killRate: 0.2 });
      figures = prove(run, notifications);
      if (ROUNDS > 3) console.log(`# round ${r + 1}: ${JSON.stringify({ ...figures, kills: run.kills })}`);
    }
    assert.equal(figures.messages, ROUNDS * 3 * 4 * 2, 'two agencies notified of each registration');
    assert.equal(figures.lines, 4 * 2);
    assert.ok(run.kills.server + run.kills.sim > 0, 'something was killed');
    console.log(`# ${JSON.stringify({ seed: SEED, ...figures, kills: run.kills })}`);
  } finally {
    await run.cleanup();
  }
});
