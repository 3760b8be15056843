import type { Config } from '../../config.js';
import type { ProbedLanguageModel } from '../../domain/agent/language-model.js';
import type { SmsProvider } from '../../domain/messaging/sms-provider.js';
import { createLanguageModel } from '../providers/language-models.js';
import { createSmsProvider } from '../providers/sms-providers.js';
import { timedProbe } from './timed-probe.js';

export type ServiceHealth = { status: 'healthy' | 'unhealthy'; response_time: number; [k: string]: unknown };

export interface ProviderHealth {
  check(): Promise<{ openai: ServiceHealth; twilio: ServiceHealth }>;
}

/** The public health endpoint must not turn every call into provider requests: answers are reused this long. */
const REUSE_MS = 30_000;

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
};

async function languageModelHealth(model: ProbedLanguageModel, configuredModel: string): Promise<ServiceHealth> {
  const probe = await timedProbe(() => model.probe(), 5000);
  if (!probe.ok) return { status: 'unhealthy', response_time: probe.seconds, provider: 'openai-compatible', model: configuredModel, simulated: false, error: probe.error };
  const { simulated, rateLimitRemaining } = probe.value;
  return {
    status: 'healthy',
    response_time: probe.seconds,
    provider: simulated ? 'simulated' : 'openai-compatible',
    model: simulated ? 'simulated' : configuredModel,
    simulated,
    rate_limit_remaining: rateLimitRemaining,
    ...(simulated ? { detail: `Simulated language model: OPENAI_API_KEY is not set, so answers are canned (would use ${configuredModel}).` } : {}),
  };
}

async function smsHealth(sms: SmsProvider): Promise<ServiceHealth> {
  const probe = await timedProbe(() => sms.balance(), 5000);
  if (!probe.ok) return { status: 'unhealthy', response_time: probe.seconds, provider: sms.name, simulated: sms.name === 'simulated', error: probe.error };
  const { balance, currency, simulated } = probe.value;
  return {
    status: 'healthy',
    response_time: probe.seconds,
    provider: sms.name,
    simulated,
    account_balance: simulated ? null : money(balance, currency),
    ...(simulated ? { detail: 'Simulated SMS provider: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not set, nothing leaves this server.' } : {}),
  };
}

/** The configured language model and SMS provider, probed as the seed's `openai` and `twilio` entries. */
export function createProviderHealth(config: Config, adapters: { languageModel?: ProbedLanguageModel; sms?: SmsProvider } = {}): ProviderHealth {
  const languageModel = adapters.languageModel ?? createLanguageModel(config);
  const sms = adapters.sms ?? createSmsProvider(config);
  let last: { at: number; answer: Promise<{ openai: ServiceHealth; twilio: ServiceHealth }> } | undefined;
  return {
    check() {
      if (!last || performance.now() - last.at > REUSE_MS) {
        const answer = Promise.all([languageModelHealth(languageModel, config.openai.model), smsHealth(sms)]).then(([openai, twilio]) => ({ openai, twilio }));
        last = { at: performance.now(), answer };
      }
      return last.answer;
    },
  };
}
