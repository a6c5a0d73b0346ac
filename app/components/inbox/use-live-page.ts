import { useCallback, useEffect, useRef, useState } from "react";
import { getJson } from "./inbox-api";

/**
 * A keyset-paged list that the loader seeds and live events refresh: "Load more" appends the next page, and
 * `refetchFirstPage` (debounced, for bursts of events) puts a fresh first page in front of what is loaded,
 * without duplicates. `keep` drops rows the page has already dealt with; `order` sorts the merged list.
 */
export function useLivePage<T extends { id: string }>({
  initialItems,
  initialCursor,
  url,
  itemsOf,
  order,
  keep = () => true,
  loadError,
}: {
  initialItems: T[];
  initialCursor: string | null;
  /** The list's URL for a page: the first one without a cursor. */
  url: (cursor?: string) => string;
  itemsOf: (page: unknown) => { items: T[]; nextCursor: string | null };
  order: (a: T, b: T) => number;
  keep?: (item: T) => boolean;
  loadError: string;
}) {
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Read at call time: callbacks created earlier must see the current url and filter.
  const latest = useRef({ url, itemsOf, order, keep });
  latest.current = { url, itemsOf, order, keep };

  // New loader data (filters changed, navigation): start from it.
  useEffect(() => {
    setItems(initialItems);
    setCursor(initialCursor);
  }, [initialItems, initialCursor]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refetchFirstPage = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const { url, itemsOf, order, keep } = latest.current;
      getJson<unknown>(url())
        .then((page) =>
          setItems((cur) => {
            const fresh = itemsOf(page).items.filter(keep);
            const ids = new Set(fresh.map((x) => x.id));
            return [...fresh, ...cur.filter((x) => !ids.has(x.id))].sort(order);
          }),
        )
        .catch(() => {});
    }, 150);
  }, []);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = itemsOf(await getJson<unknown>(url(cursor)));
      setItems((cur) => [...cur, ...page.items.filter((x) => !cur.some((y) => y.id === x.id) && keep(x))]);
      setCursor(page.nextCursor);
    } catch {
      setError(loadError);
    } finally {
      setLoading(false);
    }
  }

  return { items, setItems, cursor, loading, error, loadMore, refetchFirstPage };
}
