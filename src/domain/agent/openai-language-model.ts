import { LanguageModelError, type Completion, type CompletionRequest, type LanguageModelStatus, type ProbedLanguageModel } from './language-model.js';

export interface OpenAiOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs?: number;
}

interface ChatCompletionAnswer {
  model?: string;
  choices?: { message?: { content?: string | null } }[];
  usage?: { total_tokens?: number };
}

/** Any OpenAI-compatible `/chat/completions` endpoint (OpenAI, Azure-style proxies, vLLM, Ollama). */
export class OpenAiLanguageModel implements ProbedLanguageModel {
  constructor(private readonly opts: OpenAiOptions) {}

  /** `GET /models/{model}`: reachability, the key and the model at once, without spending tokens. */
  async probe(): Promise<LanguageModelStatus> {
    const url = `${this.opts.baseUrl.replace(/\/$/, '')}/models/${encodeURIComponent(this.opts.model)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${this.opts.apiKey}` }, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000) });
    await res.body?.cancel();
    if (res.status === 401 || res.status === 403) throw new Error(`the endpoint refused the API key (${res.status})`);
    if (res.status === 404) throw new Error(`the endpoint does not know the model ${this.opts.model}`);
    if (!res.ok) throw new Error(`the endpoint answered ${res.status}`);
    const remaining = Number.parseInt(res.headers.get('x-ratelimit-remaining-requests') ?? '', 10);
    return { model: this.opts.model, simulated: false, rateLimitRemaining: Number.isFinite(remaining) ? remaining : null };
  }

  async complete(request: CompletionRequest): Promise<Completion> {
    const url = `${this.opts.baseUrl.replace(/\/$/, '')}/chat/completions`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.apiKey}` },
        body: JSON.stringify({
          model: this.opts.model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.prompt },
          ],
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new LanguageModelError(timedOut ? 'Language model request timed out.' : `Language model unreachable: ${(err as Error).message}`, timedOut ? 'openai_timeout' : 'openai_unreachable', true);
    }
    if (!res.ok) {
      const detail = (await res.text()).slice(0, 300);
      const retryable = res.status === 429 || res.status >= 500;
      throw new LanguageModelError(`Language model answered ${res.status}: ${detail}`, res.status === 429 ? 'openai_rate_limited' : 'openai_error', retryable);
    }
    const answer = (await res.json()) as ChatCompletionAnswer;
    const text = answer.choices?.[0]?.message?.content ?? '';
    if (!text) throw new LanguageModelError('Language model returned an empty answer.', 'openai_empty_answer', false);
    return { text, tokensUsed: answer.usage?.total_tokens ?? 0, model: answer.model ?? this.opts.model, simulated: false };
  }
}
