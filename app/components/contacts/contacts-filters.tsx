import { Form, Link } from "react-router";
import type { ContactFilters, SortState } from "./contact-types";
import { CHANNEL_LABELS } from "./handle-links";

const STAGES = ["To Contact", "Contacted", "In Conversation", "Closed"];
const SOURCES = ["manual", "import", "lists", "sample", "apollo", "crunchbase", "clearbit"];
const field = "mt-1 block w-full rounded-lg border border-ink-700 bg-ink-900 px-2 py-1.5 text-sm text-ink-100";
const label = "text-xs text-ink-300";

/** The filters as a GET form: the URL is the state, so a filtered table can be bookmarked, shared and saved. */
export function ContactsFilters({
  filters,
  sort,
  lists,
}: {
  filters: ContactFilters;
  sort: SortState;
  lists: { id: string; name: string }[];
}) {
  const active = Object.values(filters).filter(Boolean).length;
  return (
    <Form method="get" role="search" aria-label="Filter leads" className="mt-4 flex flex-col gap-3">
      {sort.sort !== "created" && <input type="hidden" name="sort" value={sort.sort} />}
      {sort.dir !== "desc" && <input type="hidden" name="dir" value={sort.dir} />}
      <div className="flex gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">Search leads</span>
          <input
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            placeholder="Search name, company, title, e-mail, domain"
            className="block w-full rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-sm text-ink-100"
          />
        </label>
        <button type="submit" className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white">
          Search
        </button>
      </div>
      <details open={active > (filters.q ? 1 : 0) || undefined} className="rounded-xl border border-ink-800 p-3">
        <summary className="cursor-pointer text-sm text-ink-300">Filters{active ? ` (${active} on)` : ""}</summary>
        <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <label className={label}>
            Source
            <input name="source" list="contact-sources" defaultValue={filters.source ?? ""} className={field} />
            <datalist id="contact-sources">
              {SOURCES.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </label>
          <label className={label}>
            List
            <select name="listId" defaultValue={filters.listId ?? ""} className={field}>
              <option value="">Any list</option>
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            Country (2 letters)
            <input name="country" maxLength={2} defaultValue={filters.country ?? ""} className={field} />
          </label>
          <label className={label}>
            Industry
            <input name="industry" defaultValue={filters.industry ?? ""} className={field} />
          </label>
          <label className={label}>
            Minimum score
            <input
              name="minScore"
              type="number"
              min={0}
              max={100}
              defaultValue={filters.minScore ?? ""}
              className={field}
            />
          </label>
          <label className={label}>
            Stage
            <select name="stage" defaultValue={filters.stage ?? ""} className={field}>
              <option value="">Any stage</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
              <option value="none">On no board</option>
            </select>
          </label>
          <label className={label}>
            Tag
            <input name="tag" defaultValue={filters.tag ?? ""} className={field} />
          </label>
          <label className={label}>
            Reachable on
            <select name="channel" defaultValue={filters.channel ?? ""} className={field}>
              <option value="">Any channel</option>
              {Object.entries(CHANNEL_LABELS).map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            Opted out
            <select name="suppressed" defaultValue={filters.suppressed ?? ""} className={field}>
              <option value="">Either</option>
              <option value="false">Not opted out</option>
              <option value="true">Opted out</option>
            </select>
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className="rounded-lg border border-ink-700 px-3 py-1.5 text-sm hover:bg-ink-800">
              Apply
            </button>
            <Link to="/dashboard/contacts" className="px-2 py-1.5 text-sm text-ink-300 hover:text-ink-100">
              Clear
            </Link>
          </div>
        </div>
      </details>
    </Form>
  );
}
