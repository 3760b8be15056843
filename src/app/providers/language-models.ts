import type { Config } from '../../config.js';
import type { ProbedLanguageModel } from '../../domain/agent/language-model.js';
import { OpenAiLanguageModel } from '../../domain/agent/openai-language-model.js';
import { SimulatedLanguageModel } from '../../domain/agent/simulated-language-model.js';

/** The OpenAI-compatible adapter when OPENAI_API_KEY is set; otherwise the simulated model. */
export function createLanguageModel(config: Config): ProbedLanguageModel {
  const { apiKey, baseUrl, model } = config.openai;
  if (apiKey) return new OpenAiLanguageModel({ apiKey, baseUrl, model });
  return new SimulatedLanguageModel();
}
