// A local SMTP server for tests (Debian's python3-aiosmtpd) that writes each message it takes
// to a directory, one .eml file per message.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const SINK = `
import os, sys
from aiosmtpd.controller import Controller
class Keep:
    async def handle_DATA(self, server, session, envelope):
        d = sys.argv[2]
        n = len(os.listdir(d))
        with open(os.path.join(d, '%04d.tmp' % n), 'wb') as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(os.path.join(d, '%04d.tmp' % n), os.path.join(d, '%04d.eml' % n))
        return '250 OK'
c = Controller(Keep(), hostname='127.0.0.1', port=int(sys.argv[1]))
c.start()
print('ready', flush=True)
sys.stdin.read()
c.stop()
`;

// Debian's python3 (where python3-aiosmtpd is), before another one on PATH.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

// Starts the sink on `port`, keeping messages in `mailDir`; stop() ends it.
export async function startSmtpSink(port, mailDir) {
  const proc = spawn(PYTHON, ['-c', SINK, String(port), mailDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('SMTP sink did not start: ' + err)), 15000);
    proc.stdout.on('data', (d) => { if (String(d).includes('ready')) { clearTimeout(timer); resolve(); } });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`SMTP sink exited ${code}: ${err}`)); });
  });
  proc.removeAllListeners('exit');
  const exited = new Promise((r) => proc.on('exit', r));
  return { async stop() { proc.stdin.end(); proc.kill('SIGTERM'); await exited; } };
}
