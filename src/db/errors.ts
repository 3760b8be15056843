/** A unique constraint refused the statement (SQLSTATE 23505); `constraint` names it. */
export const isUniqueViolation = (err: unknown): err is { code: string; constraint?: string } => (err as { code?: string })?.code === '23505';
