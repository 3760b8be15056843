import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { assertRealProviders } from '../../src/app/providers/simulated-providers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const silent = createLogger('silent');
const production = { NODE_ENV: 'production', RAZORPAY_WEBHOOK_SECRET: 'a-production-secret-1' };
const realProviders = { TWILIO_ACCOUNT_SID: 'AC0123', TWILIO_AUTH_TOKEN: 'token', SMTP_URL: 'smtps://u:p@mail.example.com:465', OPENAI_API_KEY: 'sk-test' };

function refusal(env: Record<string, string>): string[] {
  try {
    assertRealProviders(loadConfig(env), silent);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
}

describe('simulated providers in production', () => {
  test('when production has no Twilio, SMTP_URL or OpenAI key, then it refuses to start, naming each variable and the opt-in', () => {
    expect(refusal(production)).toEqual([
      expect.stringMatching(/^TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: required when NODE_ENV=production/),
      expect.stringMatching(/^SMTP_URL: required when NODE_ENV=production, or the mail/),
      expect.stringMatching(/^OPENAI_API_KEY: required when NODE_ENV=production/),
      expect.stringMatching(/^ALLOW_SIMULATED_PROVIDERS=true/),
    ]);
    expect(refusal({ ...production, ...realProviders, SMTP_URL: '' })).toEqual([expect.stringMatching(/^SMTP_URL: /), expect.stringMatching(/^ALLOW_SIMULATED_PROVIDERS/)]);
  });

  test('when every provider is real, or ALLOW_SIMULATED_PROVIDERS=true, or it is not production, then it starts', () => {
    expect(refusal({ ...production, ...realProviders })).toEqual([]);
    expect(refusal({ ...production, ALLOW_SIMULATED_PROVIDERS: 'true' })).toEqual([]);
    expect(refusal({ NODE_ENV: 'development' })).toEqual([]);
  });

  test('when SMTP_URL is not an smtp:// or smtps:// URL, then configuration fails naming it', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  test('when `npm run api` starts in production on simulations, then it exits before connecting anywhere; with the opt-in it warns loudly', async () => {
    const run = (extra: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
          cwd: root,
          // Nothing listens on port 9: a process that got past the check fails to connect instead.
          env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...production, DATABASE_APP_URL: 'postgres://app:app-password-0123456@127.0.0.1:9/none', TEMPORAL_ADDRESS: '127.0.0.1:9', LOG_LEVEL: 'silent', ...extra },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d));
        child.once('exit', (code) => resolve({ code, stderr }));
      });
    const refused = await run({});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SMTP_URL: required when NODE_ENV=production');
    expect(refused.stderr).toContain('ALLOW_SIMULATED_PROVIDERS=true');
    const allowed = await run({ ALLOW_SIMULATED_PROVIDERS: 'true' });
    expect(allowed.stderr).toContain('SIMULATED PROVIDERS IN PRODUCTION');
    expect(allowed.stderr).not.toContain('SMTP_URL: required');
  });
});
