import { SELF } from "cloudflare:test";
import { responseProblems } from "./openapi-responses";

export const BASE = "http://app.test";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Calls the Worker exactly as a client would and parses a JSON answer (other content types stay text).
 * Every /api answer must keep the OpenAPI document's promises (status, content type, body schema, headers):
 * a mismatch fails the calling test, whatever it was testing.
 */
export async function call<T = any>(path: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
  const res = await SELF.fetch(`${BASE}${path}`, init);
  const text = await res.text();
  const { pathname } = new URL(`${BASE}${path}`);
  if (pathname.startsWith("/api/")) {
    const problems = responseProblems(init.method ?? "GET", pathname, res.status, res.headers, text);
    if (problems.length > 0) throw new Error(`The response breaks the OpenAPI document:\n${problems.join("\n")}`);
  }
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
