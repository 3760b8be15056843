import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileHash, freshBundlePath, inputKey, manifestPath, type BundleManifest } from '../../src/temporal/workflow-bundle/manifest.js';
import { prebuiltWorkflowBundle } from '../../src/temporal/workflow-bundle/prebuilt.js';
import { recipe } from '../../src/temporal/workflow-bundle/recipe.js';

let dir: string;
let source: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'workflow-bundle-'));
  source = path.join(dir, 'some.workflow.ts');
  writeFileSync(source, 'export async function someWorkflow() {}\n');
  writeFileSync(path.join(dir, 'workflows.0123.js'), '// bundle');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeManifest(overrides: Partial<BundleManifest> = {}) {
  const manifest: BundleManifest = { recipe, codeFile: 'workflows.0123.js', inputs: { [inputKey(source)]: fileHash(source)! }, ...overrides };
  writeFileSync(manifestPath(dir), JSON.stringify(manifest));
}

describe('workflow bundle freshness', () => {
  test('when every input is as the manifest hashed it, then the bundle is used', () => {
    writeManifest();
    expect(freshBundlePath(dir)).toBe(path.join(dir, 'workflows.0123.js'));
  });

  test('when an input was edited after the build, even with its old modification time, then the bundle is stale', () => {
    writeManifest();
    const { atime, mtime } = statSync(source);
    writeFileSync(source, 'export async function someWorkflow() { return 1; }\n');
    utimesSync(source, atime, mtime);
    expect(freshBundlePath(dir)).toBeUndefined();
  });

  test('when an input is gone, then the bundle is stale', () => {
    writeManifest();
    rmSync(source);
    expect(freshBundlePath(dir)).toBeUndefined();
  });

  test('when the SDK version or the bundle options differ, then the bundle is stale', () => {
    writeManifest({ recipe: recipe.replace(/"sdkVersion":"[^"]*"/, '"sdkVersion":"0.0.0"') });
    expect(freshBundlePath(dir)).toBeUndefined();
  });

  test('when there is no manifest or no bundle file, then there is no bundle', () => {
    expect(freshBundlePath(dir)).toBeUndefined();
    writeManifest({ codeFile: 'workflows.missing.js' });
    expect(freshBundlePath(dir)).toBeUndefined();
  });

  test('when the workers ask for the bundle, then it holds the workflows and the tenant propagation interceptor', async () => {
    const { codePath } = await prebuiltWorkflowBundle();
    const manifest = JSON.parse(readFileSync(manifestPath(path.dirname(codePath)), 'utf8')) as BundleManifest;
    expect(Object.keys(manifest.inputs)).toEqual(expect.arrayContaining(['src/workflows/index.ts', 'src/workflows/shared/tenant-propagation.ts']));
    expect(readFileSync(codePath, 'utf8')).toContain('phoneGenerationWorkflow');
  });
});
