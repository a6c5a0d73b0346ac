import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { ContactRow, SortBy } from "./contact-types";
import { Popover } from "./popover";

export interface Column {
  id: string;
  label: string;
  sort?: SortBy;
  cell: (lead: ContactRow) => React.ReactNode;
}

const muted = (v: React.ReactNode) => v ?? <span className="text-ink-500">—</span>;
const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export const COLUMNS: Column[] = [
  {
    id: "name",
    label: "Name",
    sort: "name",
    cell: (l) => (
      <Link to={`/dashboard/contacts/${l.id}`} className="font-medium text-ink-100 hover:underline">
        {l.fullName}
      </Link>
    ),
  },
  { id: "company", label: "Company", sort: "company", cell: (l) => muted(l.companyName) },
  { id: "title", label: "Title", cell: (l) => muted(l.jobTitle) },
  { id: "email", label: "E-mail", cell: (l) => muted(l.email) },
  { id: "phone", label: "Phone", cell: (l) => muted(l.phone) },
  { id: "country", label: "Country", cell: (l) => muted(l.location.country) },
  { id: "industry", label: "Industry", cell: (l) => muted(l.industry) },
  { id: "score", label: "Score", sort: "score", cell: (l) => muted(l.score) },
  {
    id: "stage",
    label: "Stage",
    cell: (l) => muted(l.boards.length ? l.boards.map((b) => `${b.stage} (${b.pipelineName})`).join(", ") : null),
  },
  { id: "tags", label: "Tags", cell: (l) => muted(l.tags.length ? l.tags.join(", ") : null) },
  { id: "sources", label: "Source", cell: (l) => muted(l.sources.join(", ") || null) },
  { id: "created", label: "Added", sort: "created", cell: (l) => day.format(new Date(l.createdAt)) },
];

const DEFAULT_VISIBLE = ["name", "company", "title", "country", "score", "stage", "tags", "created"];
/** Per workspace, like saved views. */
const storageKey = (workspaceId: string) => `contacts.columns.${workspaceId}`;

/** Which columns show; the choice is kept in this browser. Name always shows (it opens the lead). */
export function useVisibleColumns(workspaceId: string) {
  const key = storageKey(workspaceId);
  const [visible, setVisible] = useState<string[]>(DEFAULT_VISIBLE);
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? "null");
      setVisible(
        Array.isArray(saved)
          ? ["name", ...saved.filter((c) => typeof c === "string" && c !== "name")]
          : DEFAULT_VISIBLE,
      );
    } catch {}
  }, [key]);
  const toggle = (id: string) =>
    setVisible((cur) => {
      const next = cur.includes(id)
        ? cur.filter((c) => c !== id)
        : COLUMNS.filter((c) => c.id === id || cur.includes(c.id)).map((c) => c.id);
      localStorage.setItem(key, JSON.stringify(next));
      return next;
    });
  return { columns: COLUMNS.filter((c) => visible.includes(c.id)), visible, toggle };
}

export function ColumnPicker({ visible, toggle }: { visible: string[]; toggle: (id: string) => void }) {
  return (
    <Popover label="Columns" width="w-48">
      <fieldset>
        <legend className="sr-only">Columns to show</legend>
        {COLUMNS.filter((c) => c.id !== "name").map((c) => (
          <label key={c.id} className="flex items-center gap-2 py-0.5 text-sm">
            <input type="checkbox" checked={visible.includes(c.id)} onChange={() => toggle(c.id)} />
            {c.label}
          </label>
        ))}
      </fieldset>
    </Popover>
  );
}
