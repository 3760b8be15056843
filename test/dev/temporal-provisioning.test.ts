import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionTemporalCli } from '../../src/dev/temporal-dev-server.js';
import { eventually } from '../support/eventually.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** An executable bash script in `dir`. */
function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Waits until `file` exists: a step the test releases, so nothing here depends on how long anything takes. */
const untilExists = (file: string) => `while [[ ! -e ${file} ]]; do sleep 0.05; done`;

describe('Temporal CLI provisioning streams its progress', () => {
  let dir: string;
  const gates: string[] = [];
  /** A file that releases the next step of a stand-in. */
  const gate = (name: string) => {
    const file = path.join(dir, name);
    gates.push(file);
    return file;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-provision-'));
  });
  // Whatever a failed test left waiting is released, so no stand-in outlives the run.
  afterEach(() => {
    for (const file of gates.splice(0)) writeFileSync(file, '');
  });

  test('when the provisioner prints a line and then waits, then the line arrives while it is still running, and its last stdout line is the binary', async () => {
    const second = gate('second');
    const fake = script(dir, 'provision.sh', `echo "first step" >&2\n${untilExists(second)}\necho "second step" >&2\necho /opt/temporal/bin/temporal`);
    const lines: string[] = [];
    const done = provisionTemporalCli({ command: [fake], onLine: (l) => lines.push(l) });
    await eventually(() => lines.slice(), (l) => l.includes('first step'), { what: 'the first line before the provisioner exits' });
    expect(lines).toEqual(['first step']);
    writeFileSync(second, '');
    expect(await done).toBe('/opt/temporal/bin/temporal');
    expect(lines).toEqual(['first step', 'second step']);
  });

  test('when the provisioner fails, then the error carries its last lines', async () => {
    const fake = script(dir, 'provision.sh', `echo "no go, no download" >&2\nexit 3`);
    await expect(provisionTemporalCli({ command: [fake], onLine: () => undefined })).rejects.toThrow(/exit 3\)[\s\S]*no go, no download/);
  });

  test('when the CLI must be built, then the script says once why, ticks through the downloads and the compile (not frozen on the last download), and ends with the cached binary', async () => {
    // A stand-in `go` on PATH: silent at first, then it "downloads", "compiles" and installs a binary, each step released by the test.
    const bin = path.join(dir, 'bin');
    const cache = path.join(dir, 'cache');
    mkdirSync(bin);
    const [resolved, downloaded, compiled] = [gate('resolved'), gate('downloaded'), gate('compiled')];
    script(bin, 'go', `
if [[ "$1" == version ]]; then echo "go version go1.99.0 linux/amd64"; exit 0; fi
${untilExists(resolved)}
echo "go: downloading github.com/temporalio/cli v1.5.1" >&2
echo "go: downloading go.temporal.io/server v1.27.0" >&2
${untilExists(downloaded)}
echo "go.temporal.io/server/common/log" >&2
echo "go.temporal.io/server/service/history" >&2
${untilExists(compiled)}
printf '#!/usr/bin/env bash\\necho "temporal version 1.5.1"\\n' > "$GOBIN/temporal"
chmod +x "$GOBIN/temporal"`);
    const lines: string[] = [];
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: dir, SWITCHBOARD_CACHE_DIR: cache, SWITCHBOARD_PROVISION_TICK: '0.1' };
    const done = provisionTemporalCli({ command: ['bash', path.join(root, 'scripts/provision-temporal.sh')], env, onLine: (l) => lines.push(l) });

    await eventually(() => lines.slice(), (l) => l.some((x) => /working .*: resolving modules, or building from Go's caches/.test(x)), { what: 'a progress line while the log is still empty' });
    writeFileSync(resolved, '');
    await eventually(() => lines.slice(), (l) => l.some((x) => /downloading modules .*: modules fetched 2, latest go\.temporal\.io\/server v1\.27\.0/.test(x)), { what: 'a download progress line' });
    writeFileSync(downloaded, '');
    await eventually(() => lines.slice(), (l) => l.some((x) => /still compiling \(\d+m\d\ds, usually ~5 min in all, about .* left\): packages compiled 2 of about \d+, latest go\.temporal\.io\/server\/service\/history/.test(x)), { what: 'a compile progress line' });
    writeFileSync(compiled, '');
    const binary = await done;

    expect(binary).toBe(path.join(cache, 'temporal-v1.5.1', 'temporal'));
    expect(existsSync(binary)).toBe(true);
    expect(lines.filter((l) => l.includes('First start on this machine'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('about 5 minutes, once per machine'))).toContain('go1.99.0');
    expect(lines.at(-1)).toMatch(/^\[temporal-cli\] built in \d+m\d\ds: /);

    // The next start finds the cached binary and says nothing.
    const again: string[] = [];
    expect(await provisionTemporalCli({ command: ['bash', path.join(root, 'scripts/provision-temporal.sh')], env, onLine: (l) => again.push(l) })).toBe(binary);
    expect(again).toEqual([]);
  });
});
