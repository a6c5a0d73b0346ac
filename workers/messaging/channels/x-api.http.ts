// The X API v2 calls the X channel makes (shared/docs/integrations.md "X API v2 DMs"): the OAuth 2.0 token
// endpoint (authorization code with PKCE, refresh with rotation), /2/users/me, sending a one-to-one DM and listing
// DM events. Every answer is parsed with zod; non-2xx answers come back as data (status, problem, rate limit) for
// the caller to decide, and an X that cannot be reached is a SERVICE_UNAVAILABLE AppError.
import { z } from "zod";
import { AppError } from "../../lib/app-error";

export const X_SCOPES = "dm.write dm.read tweet.read users.read offline.access";
const TIMEOUT_MS = 10_000;

export interface XConfig {
  apiUrl: string;
  authorizeUrl: string;
  clientId: string;
  clientSecret: string | undefined;
}

/** The app's X settings, or a 503 naming the missing one (the channels page shows it). */
export function xConfig(env: Env): XConfig {
  const missing = !env.X_CLIENT_ID ? "X_CLIENT_ID" : !env.X_API_URL ? "X_API_URL" : undefined;
  if (missing)
    throw new AppError("SERVICE_UNAVAILABLE", `X is not configured on this server: ${missing} is not set.`, {
      reason: "not_configured",
      setting: missing,
    });
  return {
    apiUrl: env.X_API_URL.replace(/\/+$/, ""),
    authorizeUrl: env.X_AUTHORIZE_URL || "https://x.com/i/oauth2/authorize",
    clientId: env.X_CLIENT_ID,
    clientSecret: env.X_CLIENT_SECRET || undefined,
  };
}

/** `x-rate-limit-remaining` / `x-rate-limit-reset` (epoch seconds), when X sent them. */
export interface RateLimit {
  remaining: number | null;
  resetAt: number | null;
}

export type XAnswer<T> =
  | { ok: true; status: number; data: T; rate: RateLimit }
  | { ok: false; status: number; problem: Problem; rate: RateLimit };

/** X's error bodies: RFC 7807-style problems (`title`, `detail`, `type`) or OAuth errors (`error`). */
const ProblemSchema = z
  .object({
    title: z.string().optional(),
    detail: z.string().optional(),
    type: z.string().optional(),
    error: z.string().optional(),
    error_description: z.string().optional(),
  })
  .catch({});
export type Problem = z.infer<typeof ProblemSchema>;

function rateOf(headers: Headers): RateLimit {
  const num = (name: string) => {
    const value = Number(headers.get(name) ?? Number.NaN);
    return Number.isFinite(value) ? value : null;
  };
  return { remaining: num("x-rate-limit-remaining"), resetAt: num("x-rate-limit-reset") };
}

/**
 * `reason` tells a caller that must not repeat a request (a DM: X has no idempotency key) whether X may have acted:
 * `x_unreachable` — the request never got an answer because it could not connect, safe to repeat;
 * `x_timeout` / `x_bad_answer` — it left and X may have taken it.
 */
async function request<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<XAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    throw new AppError("SERVICE_UNAVAILABLE", "X did not answer. Try again shortly.", {
      reason: timedOut ? "x_timeout" : "x_unreachable",
    });
  }
  const rate = rateOf(res.headers);
  const payload: unknown = await res.json().catch(() => undefined);
  if (!res.ok) return { ok: false, status: res.status, problem: ProblemSchema.parse(payload ?? {}), rate };
  const parsed = schema.safeParse(payload);
  if (!parsed.success)
    throw new AppError("SERVICE_UNAVAILABLE", "X answered in a shape we do not understand.", {
      reason: "x_bad_answer",
    });
  return { ok: true, status: res.status, data: parsed.data, rate };
}

const TokenSchema = z.object({
  access_token: z.string().min(1).max(2000),
  refresh_token: z.string().min(1).max(2000).optional(),
  expires_in: z.number().int().positive().optional(),
  scope: z.string().optional(),
});

/** What we seal per X account (channel-credentials.ts). */
export interface XTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export const XTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
});

/** POST /2/oauth2/token: confidential clients authenticate with Basic auth, public ones name client_id. */
export async function tokenRequest(
  config: XConfig,
  params: Record<string, string>,
  now = Date.now(),
): Promise<XAnswer<XTokens>> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (config.clientSecret) headers.authorization = `Basic ${btoa(`${config.clientId}:${config.clientSecret}`)}`;
  const answer = await request(
    `${config.apiUrl}/2/oauth2/token`,
    { method: "POST", headers, body: new URLSearchParams({ ...params, client_id: config.clientId }).toString() },
    TokenSchema,
  );
  if (!answer.ok) return answer;
  const t = answer.data;
  // Without offline.access X gives no refresh token; we always ask for it, so its absence is an answer we refuse.
  if (!t.refresh_token)
    throw new AppError("SERVICE_UNAVAILABLE", "X gave no refresh token (offline.access was not granted).", {
      reason: "no_refresh_token",
    });
  return {
    ...answer,
    data: {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: now + (t.expires_in ?? 7200) * 1000,
    },
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const MeSchema = z.object({
  data: z.object({
    id: z.string().regex(/^[0-9]{1,25}$/),
    username: z.string().min(1).max(50),
    name: z.string().max(200),
  }),
});

export function getMe(config: XConfig, token: string) {
  return request(`${config.apiUrl}/2/users/me`, { headers: bearer(token) }, MeSchema);
}

const SentSchema = z.object({
  data: z.object({ dm_conversation_id: z.string().min(1).max(200), dm_event_id: z.string().min(1).max(200) }),
});

export function sendDm(config: XConfig, token: string, participantId: string, text: string) {
  return request(
    `${config.apiUrl}/2/dm_conversations/with/${encodeURIComponent(participantId)}/messages`,
    {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify({ text }),
    },
    SentSchema,
  );
}

const DmEventSchema = z.object({
  id: z.string().regex(/^[0-9]{1,25}$/),
  event_type: z.string(),
  text: z.string().max(10_000).optional(),
  sender_id: z.string().max(25).optional(),
  dm_conversation_id: z.string().max(200).optional(),
  created_at: z.string().optional(),
});
export type DmEvent = z.infer<typeof DmEventSchema>;

const DmEventsSchema = z.object({
  data: z.array(DmEventSchema).optional(),
  includes: z
    .object({ users: z.array(z.object({ id: z.string(), username: z.string(), name: z.string() })).optional() })
    .optional(),
  meta: z.object({ result_count: z.number().optional(), next_token: z.string().max(500).optional() }).optional(),
});
export type DmEventsPage = z.infer<typeof DmEventsSchema>;

/** GET /2/dm_events, newest first; `paginationToken` is the previous page's `meta.next_token`. */
export function listDmEvents(config: XConfig, token: string, paginationToken?: string) {
  const query = new URLSearchParams({
    "dm_event.fields": "id,event_type,text,sender_id,dm_conversation_id,created_at",
    event_types: "MessageCreate",
    expansions: "sender_id",
    "user.fields": "username,name",
    max_results: "100",
  });
  if (paginationToken) query.set("pagination_token", paginationToken);
  return request(`${config.apiUrl}/2/dm_events?${query}`, { headers: bearer(token) }, DmEventsSchema);
}
