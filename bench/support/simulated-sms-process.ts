import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SimulatedSmsProcess {
  url: string;
  authToken: string;
  child: ChildProcess;
  accepted(): Promise<{ count: number; distinctTo: number }>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/** The simulated SMS provider (src/dev/simulated-sms-server.ts) in a process of its own, so neither side of a comparison shares its CPU. */
export async function startSimulatedSmsProcess(authToken: string): Promise<SimulatedSmsProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/dev/simulated-sms-server.ts'), '--port', '0', '--auth-token', authToken, '--callbacks', 'false'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /simulated SMS provider on (http:\/\/\S+)/.exec(seen);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulated SMS server exited with ${code}: ${seen}`)));
  });
  return {
    url,
    authToken,
    child,
    async accepted() {
      const body = (await (await fetch(`${url}/log`)).json()) as { count: number; messages: { to: string }[] };
      return { count: body.count, distinctTo: new Set(body.messages.map((m) => m.to)).size };
    },
    async clear() {
      await fetch(`${url}/log`, { method: 'DELETE' });
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
