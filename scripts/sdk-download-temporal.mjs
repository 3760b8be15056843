// Last resort: let @temporalio/testing download the CLI it pins, then print the binary's path.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const env = await TestWorkflowEnvironment.createLocal({ server: { downloadDir: process.argv[2] } });
await env.teardown();
const found = readdirSync(process.argv[2] ?? tmpdir())
  .map((f) => join(process.argv[2], f))
  .find((f) => /temporal/.test(f) && statSync(f).isFile() && (statSync(f).mode & 0o111) !== 0);
if (!found) process.exit(1);
console.log(found);
