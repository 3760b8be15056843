import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleDir, projectRoot, recipe } from './recipe.js';

/** Written beside the bundle: every file webpack read for it, by content hash. */
export interface BundleManifest {
  recipe: string;
  codeFile: string;
  inputs: Record<string, string>;
}

export const manifestPath = (dir = bundleDir) => path.join(dir, 'manifest.json');

export function fileHash(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Inputs are keyed relative to the project so a moved checkout keeps its bundle. */
export const inputKey = (file: string) => path.relative(projectRoot, file);

/** The bundle's path when it was built from the files as they are now, otherwise undefined. */
export function freshBundlePath(dir = bundleDir): string | undefined {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as BundleManifest;
  } catch {
    return undefined;
  }
  if (manifest.recipe !== recipe) return undefined;
  for (const [key, hash] of Object.entries(manifest.inputs)) {
    if (fileHash(path.resolve(projectRoot, key)) !== hash) return undefined;
  }
  const codePath = path.join(dir, manifest.codeFile);
  return existsSync(codePath) ? codePath : undefined;
}
