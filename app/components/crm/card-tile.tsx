import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { channelLabel } from "../leads/lead-stream";
import type { BoardCard } from "./board-state";

export function CardTile({
  card,
  disabled,
  onOpen,
}: {
  card: BoardCard;
  disabled?: boolean;
  onOpen: (id: string) => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { stage: card.stage },
    disabled,
  });
  const slot = (card.lead.bestContactTime as { nextSlotUtc?: string } | null)?.nextSlotUtc;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      {...attributes}
      {...listeners}
      aria-roledescription="Lead card: Enter opens it; Space picks it up, arrow keys move it, Space drops it."
      onClick={() => onOpen(card.id)}
      onKeyUp={(e) => {
        if (e.key === "Enter") onOpen(card.id);
      }}
      aria-label={`${card.lead.fullName}${card.lead.companyName ? `, ${card.lead.companyName}` : ""}`}
      data-card-id={card.id}
      className={`cursor-grab touch-none rounded-xl border border-ink-700 bg-ink-900 p-3 text-left shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-accent-400 ${isDragging ? "opacity-60" : ""}`}
    >
      <div className="flex items-start justify-between gap-2">
        <p className="font-medium text-ink-100">{card.lead.fullName}</p>
        {card.lead.score !== null && (
          <span className="rounded-md bg-ink-800 px-1.5 py-0.5 text-xs text-ink-300" title="Score">
            {card.lead.score}
          </span>
        )}
      </div>
      <p className="mt-0.5 text-sm text-ink-300">
        {[card.lead.jobTitle, card.lead.companyName].filter(Boolean).join(" · ") || "—"}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
        {card.lead.mainChannel && (
          <span className="rounded-full bg-accent-500/15 px-2 py-0.5 text-accent-400">
            {channelLabel(card.lead.mainChannel)}
          </span>
        )}
        {card.lead.tags.slice(0, 3).map((tag) => (
          <span key={tag} className="rounded-full bg-ink-800 px-2 py-0.5 text-ink-300">
            {tag}
          </span>
        ))}
        {card.status !== "open" && (
          <span
            className={`rounded-full px-2 py-0.5 ${card.status === "won" ? "bg-emerald-500/15 text-emerald-300" : "bg-red-500/15 text-red-300"}`}
          >
            {card.status}
          </span>
        )}
      </div>
      {slot && <p className="mt-2 text-xs text-ink-500">Next slot {new Date(slot).toLocaleString()}</p>}
    </li>
  );
}
