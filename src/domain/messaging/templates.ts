/**
 * Message templates with `{{variable}}` placeholders. Variables are contact fields or `attributes.<key>`;
 * a template naming anything else is refused when saved, so a typo never reaches thousands of phones
 * as an empty gap. Rendering fills a missing value with an empty string.
 */
const CONTACT_VARIABLES = [
  'name',
  'full_name',
  'first_name',
  'last_name',
  'phone',
  'phone_e164',
  'email',
  'company',
  'title',
  'city',
  'state',
  'country',
  'industry',
  'website',
] as const;

/** The contact fields a template can reach; one row from `contacts` has all of them. */
export interface TemplateContact {
  first_name?: string | null;
  last_name?: string | null;
  full_name?: string | null;
  phone_e164?: string | null;
  email?: string | null;
  company?: string | null;
  title?: string | null;
  city?: string | null;
  state?: string | null;
  country?: string | null;
  industry?: string | null;
  website?: string | null;
  attributes?: Record<string, unknown> | null;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VARIABLE_NAME = /^(?:[a-z_][a-z0-9_]*|attributes\.[A-Za-z0-9_][\w.-]{0,99})$/;

export interface TemplateCheck {
  /** Distinct variables in order of first use. */
  variables: string[];
  unknown: string[];
  malformed: string[];
}

export function checkTemplate(body: string): TemplateCheck {
  const variables: string[] = [];
  const unknown: string[] = [];
  const malformed: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (!VARIABLE_NAME.test(name)) malformed.push(match[0]);
    else if (!isKnownVariable(name)) unknown.push(name);
    else if (!variables.includes(name)) variables.push(name);
  }
  const leftover = body.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}')) malformed.push('unbalanced {{ }}');
  return { variables, unknown: [...new Set(unknown)], malformed };
}

/** Field-level problems of a template body, worded for the API; empty when it may be saved. */
export function templateProblems(body: string): string[] {
  const { unknown, malformed } = checkTemplate(body);
  const problems: string[] = [];
  if (unknown.length) {
    problems.push(`Unknown variable${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Use contact fields (${CONTACT_VARIABLES.join(', ')}) or attributes.<name>.`);
  }
  if (malformed.length) problems.push(`Malformed placeholder${malformed.length > 1 ? 's' : ''}: ${malformed.join(', ')}. Write {{variable}}.`);
  return problems;
}

function isKnownVariable(name: string): boolean {
  return (CONTACT_VARIABLES as readonly string[]).includes(name) || name.startsWith('attributes.');
}

function variableValue(name: string, contact: TemplateContact): string {
  if (name.startsWith('attributes.')) {
    const value = contact.attributes?.[name.slice('attributes.'.length)];
    return value === undefined || value === null ? '' : String(value);
  }
  const fullName = contact.full_name ?? [contact.first_name, contact.last_name].filter(Boolean).join(' ');
  const fields: Record<string, string | null | undefined> = {
    ...contact,
    attributes: undefined,
    name: fullName,
    full_name: fullName,
    phone: contact.phone_e164,
    company: contact.company ?? (contact.attributes?.company as string | undefined),
  };
  const value = fields[name];
  return value === undefined || value === null ? '' : String(value);
}

export function renderTemplate(body: string, contact: TemplateContact): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => (VARIABLE_NAME.test(name) && isKnownVariable(name) ? variableValue(name, contact) : whole));
}
