/** `npm run build:workflows`: bundles the workflow code once, for every worker start to load (see prebuilt.ts). */
import { buildWorkflowBundle } from './build.js';

const codePath = await buildWorkflowBundle();
process.stdout.write(`workflow bundle: ${codePath}\n`);
