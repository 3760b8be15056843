import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatedSmsProvider } from '../../src/domain/messaging/providers/simulated-sms-provider.js';
import { createSmsProvider } from '../../src/app/providers/sms-providers.js';
import { verifyWebhook } from '../../src/domain/messaging/webhook-signature.js';
import { loadConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';

test('when the in-process simulated provider sends with a callback URL, then it posts signed sent and delivered updates', async () => {
  const received: { url: string; signature: string; params: Record<string, string> }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ url: req.url!, signature: String(req.headers['x-twilio-signature']), params: Object.fromEntries(new URLSearchParams(raw)) });
      res.end('<Response/>');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messaging/webhooks/twilio/status/?message_id=5`;
  try {
    const provider = new SimulatedSmsProvider({ callbackSecret: 'per-deployment-secret', callbackDelayMs: 5 });
    const sent = await provider.send({ to: '+12015550123', body: 'hi', statusCallbackUrl: callbackUrl });
    expect(sent).toMatchObject({ status: 'queued', simulated: true, segments: 1 });
    await eventually(() => received.length, (n) => n >= 2, { interval: 20, what: 'the sent and delivered callbacks' });
    expect(received.map((r) => r.params.MessageStatus).sort()).toEqual(['delivered', 'sent']);
    for (const r of received) {
      expect(r.params.MessageSid).toBe(sent.providerMessageId);
      expect(verifyWebhook('per-deployment-secret', r.signature, callbackUrl, r.params)).toBe(true);
      expect(verifyWebhook('another-secret', r.signature, callbackUrl, r.params)).toBe(false);
    }
    expect(await provider.listSentTo('+12015550123', new Date(Date.now() - 60_000))).toHaveLength(1);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('when a number is malformed, then the simulated provider refuses it as Twilio would', async () => {
  await expect(new SimulatedSmsProvider().send({ to: '12345', body: 'x' })).rejects.toMatchObject({ httpStatus: 400, retryable: false, providerCode: 21211 });
});

test('when Twilio credentials are absent or present, then the factory picks the simulated or the Twilio adapter', () => {
  const base = { ...process.env, TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '' };
  expect(createSmsProvider(loadConfig(base)).name).toBe('simulated');
  expect(createSmsProvider(loadConfig({ ...base, TWILIO_ACCOUNT_SID: 'ACx', TWILIO_AUTH_TOKEN: 'y' })).name).toBe('twilio');
});

test('when the simulated provider is asked whether it holds a number, then it holds exactly the NANP 555-01XX fiction numbers', async () => {
  const provider = new SimulatedSmsProvider();
  for (const held of ['+12015550100', '+14155550199', '+19895550142']) expect(await provider.ownsNumber(held)).toBe(true);
  for (const other of ['+12015550200', '+12015551234', '+442071838750', '+1201555010', '+120155501000']) expect(await provider.ownsNumber(other)).toBe(false);
});
