import type { listLeads } from "../../../workers/services/lead-list.service";

export type ContactRow = Awaited<ReturnType<typeof listLeads>>["leads"][number];
export type ContactPage = { leads: ContactRow[]; nextCursor: string | null };

/** The table's filters as the URL (and GET /api/leads) spell them. */
export const FILTER_KEYS = [
  "q",
  "source",
  "listId",
  "country",
  "industry",
  "minScore",
  "stage",
  "tag",
  "channel",
  "suppressed",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type ContactFilters = Partial<Record<FilterKey, string>>;

export const SORTS = ["created", "name", "company", "score"] as const;
export type SortBy = (typeof SORTS)[number];
export interface SortState {
  sort: SortBy;
  dir: "asc" | "desc";
}

/** The query string of these filters and sort order (defaults left out). */
export function contactsQuery(filters: ContactFilters, sort: SortState): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) q.set(key, filters[key]!);
  if (sort.sort !== "created") q.set("sort", sort.sort);
  if (sort.dir !== "desc") q.set("dir", sort.dir);
  return q;
}
