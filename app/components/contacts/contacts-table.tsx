import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { BulkBar } from "./bulk-bar";
import type { Column } from "./columns";
import type { ContactPage, ContactRow, SortBy, SortState } from "./contact-types";

/**
 * The table: the loader's first page, then "Load more" appends the next keyset page from the API. Rows past
 * the screen are skipped by the browser's layout (`content-visibility`), so thousands of loaded rows stay
 * responsive without a virtualisation library.
 */
export function ContactsTable({
  initial,
  query,
  columns,
  sort,
  sortHref,
  pipelines,
}: {
  initial: ContactPage;
  query: string;
  columns: Column[];
  sort: SortState;
  sortHref: (by: SortBy) => string;
  pipelines: { id: string; name: string }[];
}) {
  const [rows, setRows] = useState<ContactRow[]>(initial.leads);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const selectAllRef = useRef<HTMLInputElement>(null);
  const shown = rows.filter((r) => !hidden.has(r.id));
  const allSelected = shown.length > 0 && shown.every((r) => selected.has(r.id));

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selected.size > 0 && !allSelected;
  }, [selected, allSelected]);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    const res = await fetch(`/api/leads?${query}${query ? "&" : ""}cursor=${encodeURIComponent(cursor)}`).catch(
      () => null,
    );
    setLoading(false);
    if (!res?.ok) return setError("Could not load more leads. Try again.");
    const page = (await res.json()) as ContactPage;
    setRows((cur) => [...cur, ...page.leads]);
    setCursor(page.nextCursor);
  }

  const toggle = (id: string) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <>
      <BulkBar
        selected={[...selected].filter((id) => !hidden.has(id))}
        query={query}
        pipelines={pipelines}
        onClear={() => setSelected(new Set())}
        onHide={(ids, hide) =>
          setHidden((cur) => {
            const next = new Set(cur);
            for (const id of ids) hide ? next.add(id) : next.delete(id);
            return next;
          })
        }
        onChanged={(change) => setRows((cur) => cur.map((r) => (change.ids.includes(r.id) ? change.apply(r) : r)))}
      />
      {shown.length === 0 && !cursor ? (
        <EmptyTable filtered={Boolean(query)} />
      ) : (
        <div className="mt-3 overflow-x-auto rounded-2xl border border-ink-800">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">
              Leads, sorted by {sort.sort} ({sort.dir === "asc" ? "ascending" : "descending"})
            </caption>
            <thead className="bg-ink-900 text-xs text-ink-300">
              <tr>
                <th scope="col" className="w-10 px-3 py-2">
                  <input
                    ref={selectAllRef}
                    type="checkbox"
                    aria-label="Select all loaded leads"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(shown.map((r) => r.id)))}
                  />
                </th>
                {columns.map((c) => (
                  <th
                    key={c.id}
                    scope="col"
                    className="whitespace-nowrap px-3 py-2 font-medium"
                    aria-sort={
                      c.sort && c.sort === sort.sort ? (sort.dir === "asc" ? "ascending" : "descending") : undefined
                    }
                  >
                    {c.sort ? (
                      <Link to={sortHref(c.sort)} className="hover:text-ink-100">
                        {c.label}
                        {c.sort === sort.sort ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
                      </Link>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((lead) => (
                <tr
                  key={lead.id}
                  className="border-t border-ink-800 [contain-intrinsic-size:auto_41px] [content-visibility:auto] hover:bg-ink-900/60"
                >
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${lead.fullName}`}
                      checked={selected.has(lead.id)}
                      onChange={() => toggle(lead.id)}
                    />
                  </td>
                  {columns.map((c) => (
                    <td key={c.id} className="max-w-64 truncate px-3 py-2 text-ink-200">
                      {c.cell(lead)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-3 flex items-center gap-3 text-sm text-ink-300">
        <span aria-live="polite">{shown.length} leads shown</span>
        {cursor && (
          <button
            type="button"
            onClick={loadMore}
            disabled={loading}
            className="rounded-lg border border-ink-700 px-3 py-1.5 hover:bg-ink-800 disabled:opacity-60"
          >
            {loading ? "Loading…" : "Load more"}
          </button>
        )}
        {error && (
          <p role="alert" className="text-red-300">
            {error}
          </p>
        )}
      </div>
    </>
  );
}

function EmptyTable({ filtered: query }: { filtered: boolean }) {
  return (
    <div className="mt-6 rounded-2xl border border-dashed border-ink-700 bg-ink-900 p-8 text-center">
      <p className="font-medium">{query ? "No lead matches these filters." : "No leads yet."}</p>
      <p className="mx-auto mt-2 max-w-md text-sm text-ink-300">
        {query ? (
          <Link to="/dashboard/contacts" className="underline">
            Clear the filters
          </Link>
        ) : (
          <>
            <Link to="/dashboard/leads" className="underline">
              Generate leads
            </Link>{" "}
            from a description of your ideal client, or{" "}
            <Link to="/dashboard/imports" className="underline">
              import a list
            </Link>
            .
          </>
        )}
      </p>
    </div>
  );
}
