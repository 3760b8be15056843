
export { inTransaction } from '../../db/transaction.js';

export const isUniqueViolation = (err: unknown): err is { code: string; constraint?: string } => (err as { code?: string })?.code === '23505';
