import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAiLanguageModel } from '../../src/domain/agent/openai-language-model.js';
import { SimulatedLanguageModel } from '../../src/domain/agent/simulated-language-model.js';
import { LanguageModelError } from '../../src/domain/agent/language-model.js';
import { monthlyReset, withinMonthlyLimit } from '../../src/domain/agent/tiers.js';
import { categorise } from '../../src/domain/agent/categories.js';

let server: http.Server;
let baseUrl: string;
const seen: { auth?: string; body?: any }[] = [];
let answerStatus = 200;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
      res.writeHead(answerStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answerStatus === 200 ? { model: 'gpt-test', choices: [{ message: { role: 'assistant', content: 'Use sorted(xs).' } }], usage: { total_tokens: 42 } } : { error: { message: 'boom' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('when the OpenAI-compatible endpoint answers, then the text, tokens and model come back unsimulated', async () => {
  answerStatus = 200;
  const model = new OpenAiLanguageModel({ baseUrl, apiKey: 'sk-test', model: 'gpt-test' });
  const answer = await model.complete({ system: 'Be brief.', prompt: 'Sort a list in Python' });
  expect(answer).toEqual({ text: 'Use sorted(xs).', tokensUsed: 42, model: 'gpt-test', simulated: false });
  expect(seen.at(-1)).toEqual({ auth: 'Bearer sk-test', body: { model: 'gpt-test', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Sort a list in Python' }] } });
});

test('when the endpoint fails with a 5xx, then a retryable LanguageModelError is thrown', async () => {
  answerStatus = 503;
  const model = new OpenAiLanguageModel({ baseUrl, apiKey: 'sk-test', model: 'gpt-test' });
  await expect(model.complete({ system: 's', prompt: 'p' })).rejects.toMatchObject({ name: 'LanguageModelError', type: 'openai_error', retryable: true });
  await expect(model.complete({ system: 's', prompt: 'p' })).rejects.toBeInstanceOf(LanguageModelError);
});

test('when the simulated model is asked twice, then it answers the same and says it is simulated', async () => {
  const model = new SimulatedLanguageModel();
  const a = await model.complete({ system: 's', prompt: 'Fix this bug please' });
  expect(a).toMatchObject({ simulated: true, model: 'simulated', text: expect.stringContaining('[Simulated AI]') });
  expect(await model.complete({ system: 's', prompt: 'Fix this bug please' })).toEqual(a);
});

test('when tiers and keywords are judged, then free stops at 10, premium at 100, enterprise never', () => {
  expect([withinMonthlyLimit('free', 9), withinMonthlyLimit('free', 10)]).toEqual([true, false]);
  expect([withinMonthlyLimit('premium', 99), withinMonthlyLimit('premium', 100)]).toEqual([true, false]);
  expect(withinMonthlyLimit('enterprise', 1_000_000)).toBe(true);
  expect(monthlyReset(new Date('2024-12-20T10:00:00Z')).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  expect([categorise('debug my code'), categorise('write a python function'), categorise('best pizza in town?')]).toEqual(['debug', 'coding', 'general']);
});
