// Run as its own process by twilio-loaded-lazily.test.ts: prints which files of the `twilio` package got loaded.
import { createRequire } from 'node:module';
import type { Config } from '../../src/config.js';
import { createSmsProvider, TwilioSmsProvider } from '../../src/app/providers/sms-providers.js';
import { createLookupProvider } from '../../src/app/providers/lookup-providers.js';
import { createNumberPurchaseProvider } from '../../src/app/providers/number-purchase-providers.js';
import { TwilioLookupProvider } from '../../src/domain/phone/twilio-lookup.js';
import { TwilioNumberPurchase } from '../../src/domain/channels/twilio-number-purchase.js';
import { signWebhook, verifyWebhook } from '../../src/domain/messaging/webhook-signature.js';

const config = { twilio: {}, simulatedSms: { deliveryCallbacks: true, webhookSecret: 'probe-secret' } } as unknown as Config;
const providers = [createSmsProvider(config).name, createLookupProvider(config.twilio).constructor.name, createNumberPurchaseProvider(config).name];
const real = { accountSid: 'AC00000000000000000000000000000000', authToken: 'token', apiBaseUrl: 'http://127.0.0.1:9' };
new TwilioSmsProvider(real);
new TwilioLookupProvider(real);
new TwilioNumberPurchase(real);
const signature = signWebhook('probe-secret', 'https://example.test/hook', { Body: 'hi' });
const verified = verifyWebhook('probe-secret', signature, 'https://example.test/hook', { Body: 'hi' });

const twilioFiles = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/twilio/'));
console.log(JSON.stringify({ providers, verified, twilioFiles }));
