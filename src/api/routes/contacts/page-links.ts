/** DRF-style `next` / `previous`: absolute URLs of the same query with `page` changed (page 1 drops it, as DRF does). */
export function pageLinks(baseUrl: string, path: string, querystring: string, page: number, pageSize: number, count: number) {
  const last = Math.max(1, Math.ceil(count / pageSize));
  const link = (n: number) => {
    const params = new URLSearchParams(querystring);
    if (n === 1) params.delete('page');
    else params.set('page', String(n));
    const qs = params.toString();
    return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
  };
  return { next: page < last ? link(page + 1) : null, previous: page > 1 ? link(Math.min(page - 1, last)) : null, last };
}
