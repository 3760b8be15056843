/** The contact fields an input may carry, by their canonical (API) names. */
export const TEXT_LIMITS = {
  first_name: 150,
  last_name: 150,
  title: 255,
  email_status: 50,
  company: 255,
  industry: 150,
  city: 150,
  state: 150,
  country: 150,
  person_linkedin_url: 500,
  website: 500,
  technologies: 5000,
  keywords: 5000,
} as const;

export type TextField = keyof typeof TEXT_LIMITS;
export type InputField = TextField | 'name' | 'email' | 'phone_e164' | 'employees' | 'annual_revenue' | 'tags' | 'attributes' | 'is_active';

const ALIASES: Record<string, InputField> = {
  phone: 'phone_e164',
  phone_number: 'phone_e164',
  mobile: 'phone_e164',
  mobile_phone: 'phone_e164',
  msisdn: 'phone_e164',
  email_address: 'email',
  e_mail: 'email',
  full_name: 'name',
  firstname: 'first_name',
  lastname: 'last_name',
  surname: 'last_name',
  job_title: 'title',
  company_name: 'company',
  organization: 'company',
  employee_count: 'employees',
  number_of_employees: 'employees',
  num_employees: 'employees',
  revenue: 'annual_revenue',
  linkedin: 'person_linkedin_url',
  linkedin_url: 'person_linkedin_url',
  company_website: 'website',
  tag: 'tags',
  active: 'is_active',
};

const CANONICAL = new Set<string>([...Object.keys(TEXT_LIMITS), 'name', 'email', 'phone_e164', 'employees', 'annual_revenue', 'tags', 'attributes', 'is_active']);

/**
 * The canonical field a key (a JSON key or a spreadsheet header such as "First Name", "# Employees" or
 * "Person Linkedin Url") stands for, or undefined when it names none.
 */
export function fieldOf(key: string): InputField | undefined {
  // An import asks for the same dozen keys once per row.
  if (known.has(key)) return known.get(key);
  const k = key.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const field = CANONICAL.has(k) ? (k as InputField) : Object.hasOwn(ALIASES, k) ? ALIASES[k] : undefined;
  if (known.size < KNOWN_KEYS) known.set(key, field);
  return field;
}

const KNOWN_KEYS = 1000;
const known = new Map<string, InputField | undefined>();
