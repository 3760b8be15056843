import { z } from 'zod';
import type { AppContext } from '../../http/context.js';

/** DRF-style page-number paging inside seed 004's `{success, data}`: `{results, count, next, previous}`. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
};

export const windowOf = (q: { page: number; page_size: number }) => ({ limit: q.page_size, offset: (q.page - 1) * q.page_size });

/** Links start from PUBLIC_BASE_URL, not the Host header a client controls. */
export function paged(ctx: AppContext, publicBaseUrl: string, q: { page: number; page_size: number }, page: { rows: unknown[]; count: number }) {
  const link = (n: number) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('page', String(n));
    params.set('page_size', String(q.page_size));
    return `${publicBaseUrl}${ctx.path}?${params}`;
  };
  return {
    results: page.rows,
    count: page.count,
    next: q.page * q.page_size < page.count ? link(q.page + 1) : null,
    previous: q.page > 1 ? link(q.page - 1) : null,
  };
}

export const ok = (data: unknown, message?: string, status = 200) => ({ success: true, status, ...(message ? { message } : {}), data });

/** Integer ids in JSON may come as numbers or numeric strings. */
export const idValue = z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/, 'A valid integer is required.').transform(Number)]);

export const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
