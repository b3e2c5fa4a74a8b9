// Drives `huji agency-sim` (src/cli/agency_sim_command.cc) for the HTTP tests: starts it, reads
// its port from its first line of output, signs deliveries as a Standard Webhooks sender does,
// and reads back the file of accepted messages.
import { spawn } from 'node:child_process';
import { createHmac, createPrivateKey, sign as edSign, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { bin } from './harness.mjs';

// `args`: the options after --out FILE. Resolves once the simulator listens.
export async function startAgencySim(out, args = [], { timeoutMs = 20000 } = {}) {
  const started = Date.now();
  const proc = spawn(bin, ['agency-sim', '--out', out, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolveUrl, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('agency-sim did not start:\n' + stderr)), timeoutMs);
    proc.stdout.on('data', (d) => {
      text += d;
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(text);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`agency-sim exited ${code}:\n${stderr}`)); });
  });
  proc.removeAllListeners('exit');
  const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  return {
    url,
    port: Number(new URL(url).port),
    proc,
    startedAfterMs: Date.now() - started,
    stderr: () => stderr,
    async stop(signal = 'SIGKILL') { proc.kill(signal); return exited; },
  };
}

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

// "v1,<base64 HMAC-SHA256 of id.timestamp.body>" under a whsec_ secret.
export function signV1(secret, id, timestamp, body) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

// An Ed25519 pair in the specification's forms: whsk_ (seed and public key, 64 bytes, as
// libsodium keeps it) and whpk_ (32 bytes), with a signer of v1a signatures.
export function newSigningKey() {
  const seed = randomBytes(32);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const pub = Buffer.from(key.export({ format: 'jwk' }).x, 'base64url');
  return {
    whsk: `whsk_${Buffer.concat([seed, pub]).toString('base64')}`,
    whpk: `whpk_${pub.toString('base64')}`,
    signV1a: (id, timestamp, body) => `v1a,${edSign(null, Buffer.from(`${id}.${timestamp}.${body}`), key).toString('base64')}`,
  };
}

// The JSON lines of a file (none when it does not exist).
export function jsonLines(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}
