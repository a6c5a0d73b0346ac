import { CHANNEL_LABELS } from "../../../workers/messaging/channel-labels";
import type { Channel } from "./types";

export const CHANNEL_NAMES: Record<Channel, string> = CHANNEL_LABELS;

const COLORS: Record<Channel, string> = {
  whatsapp: "bg-emerald-500/20 text-emerald-300",
  instagram: "bg-pink-500/20 text-pink-300",
  facebook: "bg-blue-500/20 text-blue-300",
  x: "bg-ink-700 text-ink-100",
  linkedin: "bg-sky-500/20 text-sky-300",
  sandbox: "bg-amber-500/20 text-amber-200",
};

const LETTERS: Record<Channel, string> = {
  whatsapp: "W",
  instagram: "I",
  facebook: "F",
  x: "X",
  linkedin: "in",
  sandbox: "S",
};

/** A channel's icon (a coloured monogram) and, unless `iconOnly`, its name. */
export function ChannelBadge({ channel, iconOnly = false }: { channel: Channel; iconOnly?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-ink-300">
      <span
        aria-hidden
        className={`grid size-5 place-items-center rounded-full text-[10px] font-semibold ${COLORS[channel]}`}
      >
        {LETTERS[channel]}
      </span>
      <span className={iconOnly ? "sr-only" : undefined}>{CHANNEL_NAMES[channel]}</span>
    </span>
  );
}
