import { LanguageModelError, type Completion, type CompletionRequest, type LanguageModel } from './language-model.js';

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
export class OpenAiLanguageModel implements LanguageModel {
  constructor(private readonly opts: OpenAiOptions) {}

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
