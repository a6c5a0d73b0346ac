// Browser side of imports: the same-origin API with the session cookie.
export const FIELD_LABELS: Record<string, string> = {
  ignore: "Don't import", fullName: "Full name", firstName: "First name", lastName: "Last name", jobTitle: "Job title", companyName: "Company",
  industry: "Industry", city: "City", region: "State / region", country: "Country", location: "Location (split)", website: "Website / domain",
  companySize: "Employees", annualRevenue: "Annual revenue", email: "Email", phone: "Phone", linkedinUrl: "LinkedIn / Sales Navigator URL",
  whatsapp: "WhatsApp", instagram: "Instagram", x: "X / Twitter", facebook: "Facebook", notes: "Notes",
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
}

async function send(path: string, file: File): Promise<any> {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "text/csv" }, body: file }).catch(() => undefined);
  if (!res) return { error: "The server could not be reached. Check your connection and try again." };
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  return res.ok ? body : { error: body?.error?.message ?? `The upload failed (HTTP ${res.status}).` };
}

export async function previewFile(file: File, mapping: Record<string, string> | null): Promise<Preview | { error: string }> {
  return send(`/api/imports/preview${mapping ? `?mapping=${encodeURIComponent(JSON.stringify(mapping))}` : ""}`, file);
}

export async function startImport(file: File, mapping: Record<string, string>, listName: string): Promise<ImportState | { error: string }> {
  const query = new URLSearchParams({ mapping: JSON.stringify(mapping), fileName: file.name, ...(listName.trim() ? { listName: listName.trim() } : {}) });
  const result = await send(`/api/imports?${query}`, file);
  return result.import ?? { error: result.error };
}

/** Polls until the import ends; returns the stop function. */
export function watchImport(id: string, onUpdate: (s: ImportState) => void, onError: (m: string) => void): () => void {
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    const res = await fetch(`/api/imports/${id}`).catch(() => undefined);
    if (stopped) return;
    if (!res?.ok) return void onError("Lost track of the import; reload the page to see its state.");
    const { import: state } = (await res.json()) as { import: ImportState };
    onUpdate(state);
    if (state.status !== "completed" && state.status !== "failed") setTimeout(tick, 400);
  };
  const timer = setTimeout(tick, 300);
  return () => ((stopped = true), clearTimeout(timer));
}
