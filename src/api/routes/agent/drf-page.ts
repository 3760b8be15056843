import { notFound } from '../../../domain/shared/errors.js';
import type { AppContext } from '../../http/context.js';
import { pageLinks } from '../contacts/page-links.js';

export const pageWindow = (q: { page: number; page_size: number }) => ({ limit: q.page_size, offset: (q.page - 1) * q.page_size });

/** DRF's page envelope; a page past the last one is DRF's 404 "Invalid page." */
export function drfPage<T>(ctx: AppContext, publicBaseUrl: string, q: { page: number; page_size: number }, page: { rows: T[]; count: number }) {
  const links = pageLinks(publicBaseUrl, ctx.path, ctx.querystring, q.page, q.page_size, page.count);
  if (q.page > links.last) throw notFound('Invalid page.');
  return { count: page.count, next: links.next, previous: links.previous, results: page.rows };
}
