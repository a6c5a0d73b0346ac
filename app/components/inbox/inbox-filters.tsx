import { Form } from "react-router";
import { CHANNEL_NAMES } from "./channel-badge";
import type { InboxFilters as Filters } from "./types";

const field = "rounded-lg border border-ink-700 bg-ink-900 px-2 py-1.5 text-sm text-ink-100";

/** Filters are a GET form: the URL holds them, so reload, back and shared links keep the view. */
export function InboxFilters({ filters }: { filters: Filters }) {
  return (
    <Form method="get" role="search" aria-label="Filter conversations" className="flex flex-col gap-2 p-3">
      <label className="sr-only" htmlFor="inbox-q">
        Search conversations
      </label>
      <input
        id="inbox-q"
        name="q"
        type="search"
        defaultValue={filters.q ?? ""}
        placeholder="Search name, company, message…"
        className={`${field} w-full placeholder:text-ink-500`}
      />
      <div className="flex flex-wrap items-center gap-2">
        <label className="text-xs text-ink-300">
          <span className="sr-only">Channel</span>
          <select name="channel" defaultValue={filters.channel ?? ""} aria-label="Channel" className={field}>
            <option value="">All channels</option>
            {Object.entries(CHANNEL_NAMES).map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-ink-300">
          <span className="sr-only">Status</span>
          <select name="status" defaultValue={filters.status ?? ""} aria-label="Status" className={field}>
            <option value="">Any status</option>
            <option value="open">Open</option>
            <option value="snoozed">Snoozed</option>
            <option value="closed">Closed</option>
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm text-ink-300">
          <input type="checkbox" name="unread" value="1" defaultChecked={filters.unread} /> Unread
        </label>
        <label className="flex items-center gap-1 text-sm text-ink-300">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> Assigned to me
        </label>
        <button type="submit" className="rounded-lg border border-ink-700 px-3 py-1 text-sm hover:bg-ink-800">
          Apply
        </button>
      </div>
    </Form>
  );
}
