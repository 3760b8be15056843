import type { AppContext } from '../../http/context.js';

/** DRF-style absolute next/previous links for page-number pagination. */
export function pageLinks(ctx: AppContext, page: number, pageSize: number, count: number) {
  const link = (n: number) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('page', String(n));
    params.set('page_size', String(pageSize));
    return `${ctx.origin}${ctx.path}?${params}`;
  };
  return {
    next: page * pageSize < count ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
  };
}
