import { createHash } from 'node:crypto';
import { categorise } from './categories.js';
import type { Completion, CompletionRequest, LanguageModelStatus, ProbedLanguageModel } from './language-model.js';

const ANSWERS = {
  coding: 'Here is an outline: define a function with a clear name, handle empty input first, then build the result step by step and return it.',
  debug: 'Check the inputs first, then the line named in the error; most bugs come from an unexpected None/undefined or an off-by-one index.',
  general: 'Thanks for your question! Here is a short answer to get you started.',
} as const;

/**
 * Used when no OPENAI_API_KEY is set: answers at once, the same way for the same prompt, and says it
 * is simulated, so the whole agent flow runs without a model.
 */
export class SimulatedLanguageModel implements ProbedLanguageModel {
  async probe(): Promise<LanguageModelStatus> {
    return { model: 'simulated', simulated: true, rateLimitRemaining: null };
  }

  async complete(request: CompletionRequest): Promise<Completion> {
    const category = categorise(request.prompt);
    const digest = createHash('sha256').update(request.prompt).digest('hex').slice(0, 8);
    const text = `[Simulated AI] ${ANSWERS[category]} (ref ${digest})`;
    const tokensUsed = Math.ceil((request.system.length + request.prompt.length + text.length) / 4);
    return { text, tokensUsed, model: 'simulated', simulated: true };
  }
}
