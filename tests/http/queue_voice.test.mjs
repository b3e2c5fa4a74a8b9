// The lobby's voice (issue 20 item 5) against a real huji on either backend
// (HUJI_TEST_BACKEND): announcements as WAV in Mandarin, Hakka and English, synthesised offline
// by espeak-ng; an admin's recorded clip preferred and joined with synthesised phrases (its
// samples appear in the announcement as uploaded); 台語 only from recordings; bad input refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDemoDb, startHuji, api, rawRequest, login, assertBilingualError } from './harness.mjs';

let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 50, seed: 29 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'admin']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

// A WAV of 16-bit mono PCM at `rate` Hz holding `samples`.
function wav(samples, rate = 22050) {
  const b = Buffer.alloc(44 + samples.length * 2);
  b.write('RIFF', 0); b.writeUInt32LE(36 + samples.length * 2, 4); b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write('data', 36); b.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((s, i) => b.writeInt16LE(s, 44 + i * 2));
  return b;
}
// A clip no synthesiser would make: a ramp of distinct values.
const marker = (seed) => wav(Array.from({ length: 4000 }, (_, i) => ((i * 7 + seed) % 20000) - 10000));

const announcement = (path) => rawRequest(url, `/api/v1/queue/announcements/${path}`);
const putClip = (lang, phrase, bytes, token = tok.admin) =>
  rawRequest(url, `/api/v1/queue/voice-clips/${lang}/${phrase}`,
    { method: 'PUT', body: bytes, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'audio/wav' } });

function assertWav(r) {
  assert.equal(r.status, 200, r.bytes.toString());
  assert.equal(r.headers.get('content-type'), 'audio/wav');
  const b = r.bytes;
  assert.equal(b.toString('latin1', 0, 4), 'RIFF');
  assert.equal(b.toString('latin1', 8, 16), 'WAVEfmt ');
  assert.equal(b.readUInt32LE(4), b.length - 8);
  assert.equal(b.readUInt16LE(20), 1); // PCM
  assert.equal(b.readUInt16LE(22), 1); // mono
  assert.equal(b.readUInt32LE(24), 22050);
  assert.equal(b.toString('latin1', 36, 40), 'data');
  assert.equal(b.readUInt32LE(40), b.length - 44);
  assert.ok(b.length > 22050, `${b.length} bytes: under half a second`);
  return b;
}

test('announcements in Mandarin, Hakka and English are WAV, public and repeatable', async () => {
  const sizes = {};
  for (const lang of ['cmn', 'hak', 'en']) {
    const b = assertWav(await announcement(`${lang}/2001/3.wav`));
    sizes[lang] = b.length;
    // Cached: the same bytes again.
    assert.ok(b.equals((await announcement(`${lang}/2001/3.wav`)).bytes));
  }
  assert.notEqual(sizes.cmn, sizes.en);
  // A longer number says more.
  assert.ok(assertWav(await announcement('cmn/1/3.wav')).length < sizes.cmn);
});

test('bad announcement requests are refused', async () => {
  for (const path of ['fr/2001/3.wav', 'cmn/0/3.wav', 'cmn/10000/3.wav', 'cmn/2001/3.mp3', 'cmn/2001/A.wav',
    'cmn/2001/12345.wav', 'cmn/000002001/3.wav']) {
    const r = await api(url, `/api/v1/queue/announcements/${path}`);
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.ok(r.json.error.code.startsWith('voice.'), r.text);
  }
  assertBilingualError(await api(url, '/api/v1/queue/announcements/cmn/abc/3.wav'), 404, 'http.not_found');
  assertBilingualError(await api(url, '/api/v1/queue/announcements/cmn/1/3.wav?office=99999999'), 404, 'queue.office');
  // 台語 has no voice: nothing until recorded.
  assertBilingualError(await api(url, '/api/v1/queue/announcements/nan/2001/3.wav'), 404, 'voice.not_recorded');
});

test('an uploaded clip is preferred and joined with synthesised phrases', async () => {
  const clip = marker(1);
  const r = await putClip('hak', 'please', clip);
  assert.equal(r.status, 204, r.bytes.toString());
  const joined = assertWav(await announcement('hak/2001/3.wav'));
  assert.ok(joined.includes(clip.subarray(44)), 'the clip\'s samples are in the announcement');
  // Other languages are not touched.
  assert.ok(!assertWav(await announcement('cmn/2001/3.wav')).includes(clip.subarray(44)));
  // Listed and read back.
  const list = await api(url, '/api/v1/queue/voice-clips', { token: tok.admin });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.clips.map((c) => [c.lang, c.phrase, c.bytes, c.uploaded_by]),
    [['hak', 'please', clip.length, 'admin']]);
  const back = await rawRequest(url, '/api/v1/queue/voice-clips/hak/please', { headers: { Authorization: `Bearer ${tok.admin}` } });
  assert.equal(back.status, 200);
  assert.ok(back.bytes.equals(clip));
  // Replaced, then deleted: the synthesised phrase again.
  const other = marker(2);
  assert.equal((await putClip('hak', 'please', other)).status, 204);
  assert.ok(assertWav(await announcement('hak/2001/3.wav')).includes(other.subarray(44)));
  const del = await api(url, '/api/v1/queue/voice-clips/hak/please', { method: 'DELETE', token: tok.admin });
  assert.equal(del.status, 204, del.text);
  assert.ok(!assertWav(await announcement('hak/2001/3.wav')).includes(other.subarray(44)));
  assertBilingualError(await api(url, '/api/v1/queue/voice-clips/hak/please', { method: 'DELETE', token: tok.admin }), 404, 'voice.no_clip');
});

test('台語 is announced once every phrase it needs is recorded', async () => {
  const phrases = ['please', 'number', 'to_counter', 'counter', '2', '0', '1', '3'];
  for (const [i, p] of phrases.entries()) assert.equal((await putClip('nan', p, marker(100 + i))).status, 204);
  const b = assertWav(await announcement('nan/2001/3.wav'));
  for (const i of phrases.keys()) assert.ok(b.includes(marker(100 + i).subarray(44)), phrases[i]);
  assertBilingualError(await api(url, '/api/v1/queue/announcements/nan/2001/4.wav'), 404, 'voice.not_recorded');
});

test('clips: only an admin, only known phrases, only WAV', async () => {
  let r = await putClip('hak', 'please', marker(3), tok.clerk);
  assert.equal(r.status, 403);
  assertBilingualError(await api(url, '/api/v1/queue/voice-clips', { token: tok.clerk }), 403, 'auth.forbidden');
  r = await rawRequest(url, '/api/v1/queue/voice-clips/hak/please', { method: 'PUT', body: marker(3) });
  assert.equal(r.status, 401);
  for (const [lang, phrase] of [['fr', 'please'], ['hak', 'hello'], ['hak', '10']]) {
    r = await putClip(lang, phrase, marker(3));
    assert.equal(r.status, 400, `${lang}/${phrase}`);
    assert.equal(JSON.parse(r.bytes).error.code, 'voice.phrase');
  }
  r = await putClip('hak', 'please', Buffer.from('RIFF....WAVEjunk'));
  assert.equal(JSON.parse(r.bytes).error.code, 'voice.not_wav');
  const eightBit = marker(3); eightBit.writeUInt16LE(8, 34);
  r = await putClip('hak', 'please', eightBit);
  assert.equal(JSON.parse(r.bytes).error.code, 'voice.not_wav');
  r = await putClip('hak', 'please', Buffer.alloc((1 << 20) + 10));
  assert.equal(r.status, 413);
  // A 44.1 kHz clip is taken (brought to 22,050 Hz).
  assert.equal((await putClip('en', '1', wav(Array.from({ length: 8000 }, (_, i) => i % 100), 44100))).status, 204);
  assertWav(await announcement('en/1/1.wav'));
});
