import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Popover } from "./popover";

interface View {
  name: string;
  query: string;
}
/** Per workspace: one browser may hold several workspaces, and a view of one means nothing in another. */
const storageKey = (workspaceId: string) => `contacts.views.${workspaceId}`;

/** Named filter + sort combinations, kept in this browser (the URL is the view, so saving is storing it). */
export function SavedViews({ current, workspaceId }: { current: string; workspaceId: string }) {
  const key = storageKey(workspaceId);
  const [views, setViews] = useState<View[]>([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? "[]");
      setViews(
        Array.isArray(saved) ? saved.filter((v) => typeof v?.name === "string" && typeof v?.query === "string") : [],
      );
    } catch {}
  }, [key]);
  const store = (next: View[]) => {
    setViews(next);
    localStorage.setItem(key, JSON.stringify(next));
  };
  return (
    <Popover label="Views" width="w-64">
      {views.length === 0 && <p className="text-ink-400">No saved views yet.</p>}
      <ul>
        {views.map((v) => (
          <li key={v.name} className="flex items-center justify-between gap-2 py-0.5">
            <Link to={`/dashboard/contacts${v.query ? `?${v.query}` : ""}`} className="truncate hover:underline">
              {v.name}
            </Link>
            <button
              type="button"
              aria-label={`Delete view ${v.name}`}
              onClick={() => store(views.filter((x) => x !== v))}
              className="text-ink-400 hover:text-ink-100"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {naming ? (
        <form
          className="mt-2 flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            store([...views.filter((v) => v.name !== name.trim()), { name: name.trim(), query: current }]);
            setName("");
            setNaming(false);
          }}
        >
          <label className="sr-only" htmlFor="view-name">
            View name
          </label>
          <input
            id="view-name"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            className="min-w-0 flex-1 rounded-lg border border-ink-700 bg-ink-950 px-2 py-1"
          />
          <button type="submit" className="rounded-lg bg-accent-500 px-2 py-1 text-white">
            Save
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setNaming(true)} className="mt-2 text-accent-400 hover:underline">
          Save this view
        </button>
      )}
    </Popover>
  );
}
