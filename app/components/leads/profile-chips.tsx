import { useState } from "react";
import { channelLabel, industryLabel, needLabel, rangeText } from "./lead-stream";
import type { Icp } from "./lead-stream";

interface Chip {
  key: string;
  label: string;
  without(icp: Icp): Icp;
  /** Text chips can be rewritten; the new words go back through the parser when regenerating. */
  edit?: { value: string; apply(icp: Icp, text: string): Icp };
}

const swap = (list: string[], from: string, to: string) => list.map((x) => (x === from ? to : x));

export function chipsOf(icp: Icp): Chip[] {
  const chips: Chip[] = [];
  for (const r of icp.roles) {
    chips.push({
      key: `role:${r}`,
      label: r,
      without: (i) => ({ ...i, roles: i.roles.filter((x) => x !== r) }),
      edit: { value: r, apply: (i, t) => ({ ...i, roles: swap(i.roles, r, t) }) },
    });
  }
  for (const v of icp.industries) {
    const label = industryLabel(v);
    chips.push({
      key: `ind:${v}`,
      label,
      without: (i) => ({ ...i, industries: i.industries.filter((x) => x !== v) }),
      edit: { value: label, apply: (i, t) => ({ ...i, industries: swap(i.industries, v, t) }) },
    });
  }
  for (const l of icp.locations) {
    chips.push({
      key: `loc:${l.name}`,
      label: l.name,
      without: (i) => ({ ...i, locations: i.locations.filter((x) => x.name !== l.name) }),
      edit: {
        value: l.name,
        apply: (i, t) => ({ ...i, locations: i.locations.map((x) => (x.name === l.name ? { ...x, name: t } : x)) }),
      },
    });
  }
  if (icp.companySize)
    chips.push({
      key: "size",
      label: `${rangeText(icp.companySize, false)} employees`,
      without: (i) => ({ ...i, companySize: null }),
    });
  if (icp.annualRevenue)
    chips.push({
      key: "rev",
      label: `${rangeText(icp.annualRevenue, true)} revenue`,
      without: (i) => ({ ...i, annualRevenue: null }),
    });
  for (const n of icp.needs) {
    chips.push({
      key: `need:${n}`,
      label: `Needs ${needLabel(n)}`,
      without: (i) => ({ ...i, needs: i.needs.filter((x) => x !== n) }),
      edit: { value: needLabel(n), apply: (i, t) => ({ ...i, needs: swap(i.needs, n, t) }) },
    });
  }
  for (const c of icp.channels)
    chips.push({
      key: `ch:${c}`,
      label: `On ${channelLabel(c)}`,
      without: (i) => ({ ...i, channels: i.channels.filter((x) => x !== c) }),
    });
  return chips;
}

/** The parsed profile as chips: × removes one, clicking a text chip edits it; either regenerates. */
export function ProfileChips({ icp, onChange }: { icp: Icp; onChange(next: Icp): void }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label="Ideal client profile">
      {chipsOf(icp).map((chip) => (
        <li
          key={chip.key}
          className="flex items-center gap-1 rounded-full border border-ink-700 bg-ink-900 py-1 pl-3 pr-1 text-sm motion-safe:animate-fade-up"
        >
          {editing === chip.key && chip.edit ? (
            <ChipEditor
              chip={chip}
              edit={chip.edit}
              onDone={(text) => {
                setEditing(null);
                if (text && text !== chip.edit!.value) onChange(chip.edit!.apply(icp, text));
              }}
            />
          ) : chip.edit ? (
            <button
              type="button"
              onClick={() => setEditing(chip.key)}
              aria-label={`Edit ${chip.label}`}
              className="rounded hover:underline"
            >
              {chip.label}
            </button>
          ) : (
            chip.label
          )}
          <button
            type="button"
            onClick={() => onChange(chip.without(icp))}
            aria-label={`Remove ${chip.label}`}
            className="grid size-6 place-items-center rounded-full text-ink-300 hover:bg-ink-800"
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ChipEditor({
  chip,
  edit,
  onDone,
}: {
  chip: Chip;
  edit: NonNullable<Chip["edit"]>;
  onDone(text: string | null): void;
}) {
  const [text, setText] = useState(edit.value);
  return (
    <input
      // biome-ignore lint/a11y/noAutofocus: the rep just pressed Edit on this chip; typing goes here
      autoFocus
      value={text}
      maxLength={80}
      aria-label={`Change ${chip.label}`}
      size={Math.max(6, text.length)}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => onDone(null)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          onDone(text.trim());
        }
        if (e.key === "Escape") onDone(null);
      }}
      className="rounded bg-ink-950 px-1 text-sm text-ink-100"
    />
  );
}
