import { SELF } from "cloudflare:test";

export const BASE = "http://app.test";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the Worker exactly as a client would and parses the JSON answer. */
export async function call<T = any>(path: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
  const res = await SELF.fetch(`${BASE}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export function postJson(path: string, body: string | object, headers: Record<string, string> = {}) {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
