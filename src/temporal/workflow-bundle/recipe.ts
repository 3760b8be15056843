import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tenantPropagationModule } from '../tenant-scope-interceptor.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '../../..');
export const workflowsPath = path.join(projectRoot, 'src/workflows/index.ts');
export const workflowInterceptorModules = [tenantPropagationModule];
/**
 * Each workflow thread parses the bundle's inline source map: line mappings without the sources' text
 * are a third of webpack's default and still point workflow stack traces at the TypeScript lines.
 */
export const devtool = 'inline-nosources-cheap-module-source-map';
/** Gitignored; the image builds it once (Dockerfile), a checkout on first start or after an edit. */
export const bundleDir = path.join(projectRoot, 'dist/workflow-bundle');

const sdkVersion = (createRequire(import.meta.url)('@temporalio/worker/package.json') as { version: string }).version;

/** What, besides the input files, decides the bundle's content: a different recipe means a rebuild. */
export const recipe = JSON.stringify({
  sdkVersion,
  devtool,
  workflowsPath: path.relative(projectRoot, workflowsPath),
  workflowInterceptorModules: workflowInterceptorModules.map((m) => path.relative(projectRoot, m)),
});
