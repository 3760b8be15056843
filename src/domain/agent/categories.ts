/** What a request is about, judged by keywords: the category picks the prompt template. */
export const CATEGORIES = ['coding', 'debug', 'general'] as const;
export type Category = (typeof CATEGORIES)[number];

const DEBUG = /\b(debug|bug|error|exception|traceback|fix|broken|crash|fails?|not working)\b/i;
const CODING = /\b(code|function|class|python|javascript|typescript|java|sql|script|program|algorithm|api|regex|sort)\b/i;
const LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'sql', 'go', 'rust', 'ruby', 'php', 'bash'];

export function categorise(text: string): Category {
  if (DEBUG.test(text)) return 'debug';
  if (CODING.test(text)) return 'coding';
  return 'general';
}

/** The programming language a request names, if any. */
export function languageOf(text: string): string | null {
  const lower = text.toLowerCase();
  return LANGUAGES.find((l) => new RegExp(`\\b${l}\\b`).test(lower)) ?? null;
}

/** 0–1: longer requests with code in them are harder. */
export function complexityOf(text: string): number {
  const lengthScore = Math.min(text.length / 500, 1) * 0.6;
  const codeScore = /[{}();=]|\bdef\b|\bfunction\b/.test(text) ? 0.3 : 0;
  return Math.round(Math.min(0.1 + lengthScore + codeScore, 1) * 100) / 100;
}

export const SYSTEM_PROMPTS: Record<Category, { template: string; system: string }> = {
  coding: { template: 'write_code', system: 'You are a concise programming assistant answering by SMS. Give short, working code.' },
  debug: { template: 'debug_code', system: 'You are a concise debugging assistant answering by SMS. Name the likely cause and the fix.' },
  general: { template: 'general_help', system: 'You are a helpful assistant answering by SMS in a few sentences.' },
};
