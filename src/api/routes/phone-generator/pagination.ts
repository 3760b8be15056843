import { positiveInt } from './query-fields.js';

/** The seed-000 pagination block: page numbers, not URLs, for next and previous. */
export function paginationView(page: number, pageSize: number, count: number) {
  const totalPages = Math.max(1, Math.ceil(count / pageSize));
  return {
    page_number: page,
    count,
    total_pages: totalPages,
    next: page < totalPages ? page + 1 : null,
    previous: page > 1 ? Math.min(page - 1, totalPages) : null,
  };
}

export const windowOf = (page: number, pageSize: number) => ({ limit: pageSize, offset: (page - 1) * pageSize });

export const pagingFields = (defaultSize: number, maxSize: number) => ({
  page: positiveInt({ fallback: 1, max: 10_000_000 }),
  page_size: positiveInt({ fallback: defaultSize, max: maxSize }),
});
