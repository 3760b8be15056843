import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { SEARCH_ATTRIBUTES } from '../temporal/search-attributes.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ProvisionOptions {
  /** The provisioner and its arguments; the binary's path is the last line of its stdout. Default: scripts/provision-temporal.sh. */
  command?: [string, ...string[]];
  env?: NodeJS.ProcessEnv;
  /** Each progress line (the provisioner's stderr) as it arrives; default: written to this process's stderr. */
  onLine?: (line: string) => void;
}

/**
 * Runs scripts/provision-temporal.sh (the one place that finds or builds the CLI) and returns the binary.
 * Its progress is passed on line by line while it runs: a first build takes minutes, and a start that
 * prints nothing for that long looks hung.
 */
export function provisionTemporalCli(opts: ProvisionOptions = {}): Promise<string> {
  const [command, ...args] = opts.command ?? ['bash', path.join(projectRoot, 'scripts/provision-temporal.sh')];
  const onLine = opts.onLine ?? ((line: string) => process.stderr.write(`${line}\n`));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const recent: string[] = [];
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    readline.createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      onLine(line);
    });
    child.once('error', (err) => reject(new Error(`Temporal CLI provisioning failed: ${err.message}`)));
    child.once('close', (code) => {
      const binary = stdout.trim().split('\n').pop();
      if (code === 0 && binary) resolve(binary);
      else reject(new Error(`Temporal CLI provisioning failed (exit ${code}):\n${recent.join('\n')}`));
    });
  });
}

export interface RunningTemporal {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(opts: {
  cli: string;
  port: number;
  uiPort: number;
  namespace: string;
  dbFile?: string;
  /** Server settings (`--dynamic-config-value`), e.g. a test's own limits. */
  dynamicConfig?: Record<string, string | number>;
  onLog?: (line: string) => void;
}): Promise<RunningTemporal> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--ui-port', String(opts.uiPort),
    '--namespace', opts.namespace, '--log-level', 'warn', '--log-format', 'json'];
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = opts.onLog ?? (() => undefined);
  child.stdout?.on('data', (d: Buffer) => log(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await Promise.race([
    waitForPort(opts.port, 60_000),
    exited.then((code) => { throw new Error(`temporal dev server exited early with code ${code}`); }),
  ]);
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: `http://localhost:${opts.uiPort}`,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(); });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
