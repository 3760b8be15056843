/**
 * The language-model port: any OpenAI-compatible chat endpoint, or a simulated model when no key is
 * set, whose answers say so (`simulated: true`).
 */
export interface CompletionRequest {
  system: string;
  prompt: string;
}

export interface Completion {
  text: string;
  tokensUsed: number;
  model: string;
  simulated: boolean;
}

export interface LanguageModel {
  complete(request: CompletionRequest): Promise<Completion>;
}

/** What a health check learns from the model's endpoint without spending a completion. */
export interface LanguageModelStatus {
  model: string;
  simulated: boolean;
  /** Requests left in the provider's current window, when its answer says (x-ratelimit-remaining-requests). */
  rateLimitRemaining: number | null;
}

/** A model whose endpoint can be probed: the adapters the provider factory builds. */
export interface ProbedLanguageModel extends LanguageModel {
  /** Resolves when the endpoint knows the configured model; rejects with the reason otherwise. */
  probe(): Promise<LanguageModelStatus>;
}

/** Thrown by adapters; `type` becomes the error log's error_type (e.g. openai_timeout). */
export class LanguageModelError extends Error {
  constructor(message: string, readonly type: string, readonly retryable: boolean) {
    super(message);
    this.name = 'LanguageModelError';
  }
}
