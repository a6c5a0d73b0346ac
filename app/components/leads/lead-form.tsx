import { CtaLabel } from "./cta-label";
import type { GenerateState } from "./cta-label";
import { channelLabel } from "./lead-stream";

export interface Filters {
  annualRevenue: string;
  companySize: string;
  location: string;
  role: string;
  channel: string;
  needs: string[];
}

export const EMPTY_FILTERS: Filters = {
  annualRevenue: "",
  companySize: "",
  location: "",
  role: "",
  channel: "",
  needs: [],
};

const REVENUE: Record<string, { min?: number; max?: number }> = {
  "<1M": { max: 1_000_000 },
  "1M-10M": { min: 1_000_000, max: 10_000_000 },
  "10M-50M": { min: 10_000_000, max: 50_000_000 },
  "50M-500M": { min: 50_000_000, max: 500_000_000 },
  "500M+": { min: 500_000_000 },
};
const SIZE: Record<string, { min?: number; max?: number }> = {
  "1-10": { min: 1, max: 10 },
  "11-50": { min: 11, max: 50 },
  "51-200": { min: 51, max: 200 },
  "201-1000": { min: 201, max: 1000 },
  "1000+": { min: 1001 },
};
const CHANNELS = ["whatsapp", "linkedin", "instagram", "facebook", "x"];
const NEEDS: [string, string][] = [
  ["paid_ads", "Paid Ads"],
  ["seo", "SEO"],
  ["funnel", "Funnel"],
  ["crm", "CRM"],
  ["outreach", "Outreach"],
  ["web_design", "Web Design"],
  ["social_media", "Social Media"],
  ["email_marketing", "Email Marketing"],
];
const PLACES = [
  "Germany",
  "United Kingdom",
  "United States",
  "France",
  "Spain",
  "Netherlands",
  "Berlin",
  "London",
  "New York",
  "California",
  "DACH",
  "Nordics",
  "Brazil",
  "India",
  "Singapore",
];
const ROLES = [
  "CEO",
  "Founder",
  "Owner",
  "Head of Marketing",
  "VP of Sales",
  "CTO",
  "Marketing Manager",
  "Head of Growth",
];

export function filtersToBody(f: Filters) {
  return {
    ...(f.annualRevenue ? { annualRevenue: REVENUE[f.annualRevenue] } : {}),
    ...(f.companySize ? { companySize: SIZE[f.companySize] } : {}),
    ...(f.location.trim() ? { location: f.location.trim() } : {}),
    ...(f.role.trim() ? { role: f.role.trim() } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.needs.length ? { needs: f.needs } : {}),
  };
}

export function ChannelIcon({ channel }: { channel: string }) {
  const letters: Record<string, string> = {
    whatsapp: "WA",
    linkedin: "in",
    instagram: "IG",
    facebook: "f",
    x: "X",
    email: "@",
    phone: "☎",
  };
  const colors: Record<string, string> = {
    whatsapp: "bg-emerald-800",
    linkedin: "bg-sky-800",
    instagram: "bg-pink-800",
    facebook: "bg-blue-800",
    x: "bg-ink-700",
    email: "bg-ink-700",
    phone: "bg-ink-700",
  };
  return (
    <span
      aria-hidden
      className={`inline-grid size-5 place-items-center rounded text-[10px] font-bold text-white ${colors[channel] ?? "bg-ink-700"}`}
    >
      {letters[channel] ?? "•"}
    </span>
  );
}

// Press feedback and toggling are CSS transitions: no animation runtime needed for a tap.
const PILL = "rounded-full border px-3 py-1.5 text-sm transition duration-150 motion-safe:active:scale-95";
const select = "mt-1 block w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100";

export function LeadForm(props: {
  description: string;
  setDescription(v: string): void;
  filters: Filters;
  setFilters(f: Filters): void;
  state: GenerateState;
  onSubmit(): void;
}) {
  const { description, setDescription, filters, setFilters, state, onSubmit } = props;
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (!(e.ctrlKey || e.metaKey) || e.key !== "Enter") return;
        e.preventDefault();
        onSubmit();
      }}
      className="mt-6 rounded-2xl border border-ink-800 bg-ink-900 p-4 sm:p-5"
    >
      <div className="relative">
        <textarea
          id="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder=" "
          rows={3}
          maxLength={2000}
          className="peer block w-full resize-y rounded-xl border border-ink-700 bg-ink-950 px-4 pb-3 pt-6 text-ink-100"
        />
        <label
          htmlFor="description"
          className="pointer-events-none absolute left-4 right-4 top-2 truncate text-xs text-ink-300 transition-all peer-placeholder-shown:top-4 peer-placeholder-shown:whitespace-normal peer-placeholder-shown:text-sm"
        >
          Describe your ideal client (industry, role, location, budget, contact method, etc.)
        </label>
      </div>
      <div className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <label className="text-sm text-ink-300">
          Annual Revenue
          <select
            value={filters.annualRevenue}
            onChange={(e) => set({ annualRevenue: e.target.value })}
            className={select}
          >
            <option value="">Any</option>
            {Object.keys(REVENUE).map((k) => (
              <option key={k} value={k}>
                {k === "<1M" ? "Under $1M" : `$${k}`}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-ink-300">
          Company Size
          <select value={filters.companySize} onChange={(e) => set({ companySize: e.target.value })} className={select}>
            <option value="">Any</option>
            {Object.keys(SIZE).map((k) => (
              <option key={k} value={k}>
                {k} employees
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-ink-300">
          Country or City
          <input
            list="places"
            value={filters.location}
            onChange={(e) => set({ location: e.target.value })}
            placeholder="e.g. Germany"
            className={select}
          />
          <datalist id="places">
            {PLACES.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label className="text-sm text-ink-300">
          Lead Role
          <input
            list="roles"
            value={filters.role}
            onChange={(e) => set({ role: e.target.value })}
            placeholder="e.g. Head of Marketing"
            className={select}
          />
          <datalist id="roles">
            {ROLES.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>
      </div>
      <fieldset className="mt-4">
        <legend className="text-sm text-ink-300">Preferred Contact Channel</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {CHANNELS.map((c) => (
            <button
              key={c}
              type="button"
              aria-pressed={filters.channel === c}
              onClick={() => set({ channel: filters.channel === c ? "" : c })}
              className={`${PILL} flex items-center gap-2 ${filters.channel === c ? "border-accent-400 bg-accent-500/20 text-ink-100" : "border-ink-700 text-ink-300 hover:bg-ink-800"}`}
            >
              <ChannelIcon channel={c} /> {channelLabel(c)}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="mt-4">
        <legend className="text-sm text-ink-300">Business Needs</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {NEEDS.map(([value, label]) => {
            const on = filters.needs.includes(value);
            return (
              <button
                key={value}
                type="button"
                aria-pressed={on}
                onClick={() =>
                  set({ needs: on ? filters.needs.filter((n) => n !== value) : [...filters.needs, value] })
                }
                className={`${PILL} ${on ? "border-accent-400 bg-accent-500/20 text-ink-100" : "border-ink-700 text-ink-300 hover:bg-ink-800"}`}
              >
                {label}
              </button>
            );
          })}
        </div>
      </fieldset>
      <div className="mt-5 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={state === "working"}
          className="min-w-44 overflow-hidden rounded-xl bg-accent-600 px-5 py-3 font-medium text-white transition hover:bg-accent-500 disabled:opacity-80 motion-safe:active:scale-[0.97]"
        >
          <CtaLabel state={state} />
        </button>
        <span className="text-xs text-ink-300">Ctrl/⌘ + Enter</span>
      </div>
    </form>
  );
}
