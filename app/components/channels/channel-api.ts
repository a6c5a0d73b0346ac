// The channels page's calls: the JSON API itself, with the same-origin session cookie (writes included: the API
// accepts the cookie only from this origin). Errors come back as the API's own message, for the rep to read.
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; code?: string };

export async function channelApi<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(`/api/channels${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return { ok: true, data: undefined as T };
    const json = (await res.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
    if (!res.ok)
      return {
        ok: false,
        status: res.status,
        code: json.error?.code,
        error: json.error?.message ?? "That did not work. Try again.",
      };
    return { ok: true, data: json };
  } catch {
    return { ok: false, status: 0, error: "You seem to be offline. Try again." };
  }
}
