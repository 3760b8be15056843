import { bundleWorkflowCode } from '@temporalio/worker';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileHash, inputKey, manifestPath, type BundleManifest } from './manifest.js';
import { bundleDir, devtool, recipe, workflowInterceptorModules, workflowsPath } from './recipe.js';

interface WebpackCompiler {
  hooks: { afterCompile: { tap(name: string, fn: (compilation: { fileDependencies: Iterable<string> }) => void): void } };
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Bundles the workflows with webpack and writes the bundle and its manifest (written last, by rename,
 * so a concurrent reader sees the old pair or the new one). Returns the bundle's path.
 */
export async function buildWorkflowBundle(): Promise<string> {
  const startedAt = Date.now();
  const read = new Set<string>();
  const recordInputs = {
    apply(compiler: WebpackCompiler) {
      compiler.hooks.afterCompile.tap('switchboard-bundle-inputs', (compilation) => {
        for (const file of compilation.fileDependencies) read.add(file);
      });
    },
  };
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules,
    logger: quiet as never,
    webpackConfigHook: (config) => ({ ...config, devtool, plugins: [...(config.plugins ?? []), recordInputs as never] }),
  });
  const inputs: Record<string, string> = {};
  // Files only in the bundler's in-memory volume (its generated entry point) follow from the recipe.
  for (const file of [...read].sort()) {
    const hash = fileHash(file);
    // A file written while webpack ran may differ from what it read: recorded so it never matches.
    if (hash) inputs[inputKey(file)] = statSync(file).mtimeMs >= startedAt - 1000 ? 'written-during-build' : hash;
  }
  mkdirSync(bundleDir, { recursive: true });
  const codeFile = `workflows.${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  const codePath = path.join(bundleDir, codeFile);
  writeAtomically(codePath, code);
  const manifest: BundleManifest = { recipe, codeFile, inputs };
  writeAtomically(manifestPath(), JSON.stringify(manifest, null, 1));
  removeOtherBundles(codeFile);
  return codePath;
}

function writeAtomically(file: string, content: string) {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/** Superseded bundles go once no worker can still be between reading the manifest and the code. */
function removeOtherBundles(keep: string) {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(bundleDir)) {
    const file = path.join(bundleDir, name);
    if (/^workflows\.[0-9a-f]+\.js$/.test(name) && name !== keep && statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true });
  }
}
