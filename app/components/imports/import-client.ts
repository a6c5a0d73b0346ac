// Browser side of imports: the same-origin API with the session cookie.
export const FIELD_LABELS: Record<string, string> = {
  ignore: "Don't import",
  fullName: "Full name",
  firstName: "First name",
  lastName: "Last name",
  jobTitle: "Job title",
  companyName: "Company",
  industry: "Industry",
  city: "City",
  region: "State / region",
  country: "Country",
  location: "Location (split)",
  website: "Website / domain",
  companySize: "Employees",
  annualRevenue: "Annual revenue",
  email: "Email",
  phone: "Phone",
  linkedinUrl: "LinkedIn / Sales Navigator URL",
  whatsapp: "WhatsApp",
  instagram: "Instagram",
  x: "X / Twitter",
  facebook: "Facebook",
  notes: "Notes",
};

export interface PreviewRow {
  row: number;
  error?: string;
  lead?: { fullName: string; jobTitle?: string; companyName?: string; location?: { city?: string; country?: string } };
}
export interface Preview {
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: Record<string, string>;
  hasName: boolean;
  rows: PreviewRow[];
}
export interface ImportState {
  id: string;
  status: "queued" | "running" | "completed" | "failed";
  progress: number;
  totalRows: number;
  imported: number;
  merged: number;
  failed: number;
  errors: { row: number; column?: string; message: string }[];
  /** Why a `failed` import stopped (null while it runs or when it completed). */
  error: string | null;
}

export const isFinished = (s: Pick<ImportState, "status">) => s.status === "completed" || s.status === "failed";

/** Poll delays: quick at first (small files finish in a second), then backing off to every 5 s. */
export function pollDelay(attempt: number): number {
  return Math.min(5_000, Math.round(500 * 1.5 ** attempt));
}

async function send<T>(path: string, file: File): Promise<T | { error: string }> {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "text/csv" }, body: file }).catch(
    () => undefined,
  );
  if (!res) return { error: "The server could not be reached. Check your connection and try again." };
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return res.ok ? (body as T) : { error: body?.error?.message ?? `The upload failed (HTTP ${res.status}).` };
}

export async function previewFile(
  file: File,
  mapping: Record<string, string> | null,
): Promise<Preview | { error: string }> {
  return send<Preview>(
    `/api/imports/preview${mapping ? `?mapping=${encodeURIComponent(JSON.stringify(mapping))}` : ""}`,
    file,
  );
}

export async function startImport(
  file: File,
  mapping: Record<string, string>,
  listName: string,
): Promise<ImportState | { error: string }> {
  const query = new URLSearchParams({
    mapping: JSON.stringify(mapping),
    fileName: file.name,
    ...(listName.trim() ? { listName: listName.trim() } : {}),
  });
  const result = await send<{ import: ImportState }>(`/api/imports?${query}`, file);
  return "error" in result ? result : result.import;
}

/** Polls, backing off, until the import is completed or failed; returns the stop function. */
export function watchImport(id: string, onUpdate: (s: ImportState) => void, onError: (m: string) => void): () => void {
  let stopped = false;
  let attempt = 0;
  let misses = 0;
  let timer: ReturnType<typeof setTimeout>;
  const schedule = () => {
    if (!stopped) timer = setTimeout(tick, pollDelay(attempt++));
  };
  const tick = async () => {
    const res = await fetch(`/api/imports/${id}`).catch(() => undefined);
    if (stopped) return;
    if (!res?.ok) {
      // A blip (network, a deploy) is retried with the same back-off; only a lasting failure is reported.
      if (++misses >= 4 || (res && res.status < 500 && res.status !== 429))
        return void onError("Lost track of the import; reload the page to see its state.");
      return schedule();
    }
    misses = 0;
    const { import: state } = (await res.json()) as { import: ImportState };
    if (stopped) return;
    onUpdate(state);
    if (!isFinished(state)) schedule();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
