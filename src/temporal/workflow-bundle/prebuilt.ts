import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshBundlePath } from './manifest.js';
import { projectRoot } from './recipe.js';

const buildCli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build-cli.ts');

/**
 * The path of a workflow bundle built from the sources as they are now. A missing or stale bundle is
 * rebuilt in a child process, so webpack never occupies a worker's heap.
 */
export async function prebuiltWorkflowBundle(): Promise<{ codePath: string }> {
  let codePath = freshBundlePath();
  for (let attempt = 0; !codePath && attempt < 2; attempt++) {
    await runBuild();
    codePath = freshBundlePath();
  }
  if (!codePath) throw new Error('the workflow bundle was stale right after building it twice: are the workflow sources being edited?');
  return { codePath };
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', buildCli], {
      cwd: projectRoot,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the workflow bundle failed (exit ${code}):\n${stderr.slice(-4000)}`))));
  });
}
