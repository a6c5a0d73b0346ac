// The inbox page's calls: reads from the API (same-origin session cookie), writes through the page's own
// action route, which calls the services server-side.
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.json()) as T;
}

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: string };

export async function inboxAction<T>(body: Record<string, unknown>): Promise<ActionResult<T>> {
  try {
    const res = await fetch("/dashboard/inbox/actions", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & { error?: string };
    if (!res.ok) return { ok: false, error: json.error ?? "That did not work. Try again." };
    return { ok: true, ...json };
  } catch {
    return { ok: false, error: "You seem to be offline. Try again." };
  }
}
