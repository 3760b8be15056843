import { ConfigError, type Config } from '../../config.js';
import type { Logger } from '../../logger.js';

/** Each provider that falls back to a simulation, and the variables that make it real. */
export function simulatedProviders(config: Pick<Config, 'twilio' | 'mail' | 'openai'>): { provider: string; set: string }[] {
  const out: { provider: string; set: string }[] = [];
  if (!(config.twilio.accountSid && config.twilio.authToken)) {
    out.push({ provider: 'SMS, number lookup and number purchase (simulated Twilio)', set: 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN' });
  }
  if (!config.mail.smtpUrl) out.push({ provider: 'mail (kept in the outbox, never sent)', set: 'SMTP_URL' });
  if (!config.openai.apiKey) out.push({ provider: 'language model (simulated replies)', set: 'OPENAI_API_KEY' });
  return out;
}

/**
 * Production does not start on simulated providers: an SMS that was never sent or a reset link that
 * never left looks like success. ALLOW_SIMULATED_PROVIDERS=true starts it anyway, with a warning
 * naming each one. Payments have no simulation to refuse: their webhook secret is required already.
 */
export function assertRealProviders(config: Pick<Config, 'env' | 'allowSimulatedProviders' | 'twilio' | 'mail' | 'openai'>, logger: Logger): void {
  if (config.env !== 'production') return;
  const simulated = simulatedProviders(config);
  if (!simulated.length) return;
  if (!config.allowSimulatedProviders) {
    throw new ConfigError([
      ...simulated.map((s) => `${s.set}: required when NODE_ENV=production, or the ${s.provider} is used`),
      'ALLOW_SIMULATED_PROVIDERS=true: starts production with the simulations above anyway (a demo or staging install)',
    ]);
  }
  const banner = [
    '',
    '!!! SIMULATED PROVIDERS IN PRODUCTION (ALLOW_SIMULATED_PROVIDERS=true) !!!',
    ...simulated.map((s) => `!!!   ${s.provider}: set ${s.set} for the real one`),
    '!!! Nothing these providers are asked to do reaches a phone or a mailbox.',
    '',
  ].join('\n');
  process.stderr.write(`${banner}\n`);
  logger.warn({ simulated: simulated.map((s) => s.provider) }, 'simulated providers in production (ALLOW_SIMULATED_PROVIDERS=true)');
}
