import type { AppContext } from '../../http/context.js';

/**
 * DRF-style absolute next/previous links for page-number pagination. They start from the configured
 * public base URL rather than the Host header, which the client controls.
 */
export function pageLinks(ctx: AppContext, publicBaseUrl: string, page: number, pageSize: number, count: number) {
  const link = (n: number) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('page', String(n));
    params.set('page_size', String(pageSize));
    return `${publicBaseUrl}${ctx.path}?${params}`;
  };
  return {
    next: page * pageSize < count ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
  };
}
