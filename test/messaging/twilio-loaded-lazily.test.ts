import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'twilio-load-probe.ts');

test('simulated providers, unused Twilio adapters and webhook signatures leave the twilio package unloaded but its webhooks module', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe], { env: { ...process.env, NODE_OPTIONS: '' } });
  const { providers, verified, twilioFiles } = JSON.parse(stdout.trim().split('\n').pop()!);
  expect(providers).toEqual(['simulated', 'SimulatedLookupProvider', 'simulated']);
  expect(verified).toBe(true);
  expect(twilioFiles.map((f: string) => f.slice(f.indexOf('/node_modules/twilio/')))).toEqual(['/node_modules/twilio/lib/webhooks/webhooks.js']);
}, 60_000);
