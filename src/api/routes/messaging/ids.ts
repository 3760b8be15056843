import { notFound } from '../../../domain/shared/errors.js';
import type { AppContext } from '../../http/context.js';

/** A path id that is not a plain integer names nothing: 404, like a row of another tenant. */
export function pathId(ctx: AppContext, what: string, name = 'id'): number {
  const raw = ctx.params[name] ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw notFound(`${what} not found.`);
  return Number(raw);
}
