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

/** Thrown by adapters; `type` becomes the error log's error_type (e.g. openai_timeout). */
export class LanguageModelError extends Error {
  constructor(message: string, readonly type: string, readonly retryable: boolean) {
    super(message);
    this.name = 'LanguageModelError';
  }
}
