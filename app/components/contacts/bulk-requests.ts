// The API's per-call limits for bulk work on the contacts page, and how a selection is cut to fit them.

/** Ids per `POST /api/leads/bulk` or `/bulk-delete` call. */
export const BULK_CHUNK = 500;
/** Ids per export link (`GET /api/leads/export.csv?ids=`). */
export const EXPORT_MAX = 200;

/** The ids in runs of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size = BULK_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The export link: the selection if there is one, else the current filter. A selection larger than the export
 * takes gives null — never a silent fall-back to the whole filter.
 */
export function exportHref(selected: readonly string[], query: string): string | null {
  if (selected.length > EXPORT_MAX) return null;
  if (selected.length > 0) return `/api/leads/export.csv?ids=${selected.join(",")}`;
  return `/api/leads/export.csv${query ? `?${query}` : ""}`;
}
