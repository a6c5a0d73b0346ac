import { SELF } from "cloudflare:test";

export const BASE = "http://app.test";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the Worker exactly as a client would and parses a JSON answer (other content types stay text). */
export async function call<T = any>(path: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
  const res = await SELF.fetch(`${BASE}${path}`, init);
  const text = await res.text();
  const isJson = /\bjson\b/.test(res.headers.get("content-type") ?? "application/json");
  return { status: res.status, headers: res.headers, body: text ? (isJson ? JSON.parse(text) : text) : null };
}

export function postJson(path: string, body: string | object, headers: Record<string, string> = {}) {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
