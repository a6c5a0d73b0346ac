// Shared formatters (one Intl instance each, as decision 008 asks of lists that render often).
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const stamp = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "5 min ago", "yesterday": for list rows. */
export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return "";
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return "now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  return relative.format(Math.round(seconds / 86400), "day");
}

export const dayLabel = (iso: string) => dayFormat.format(new Date(iso));
export const clock = (iso: string) => timeFormat.format(new Date(iso));
export const dateTime = (iso: string) => stamp.format(new Date(iso));
export const dayKey = (iso: string) => new Date(iso).toDateString();
