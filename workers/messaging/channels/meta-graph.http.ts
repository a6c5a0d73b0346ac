// The few Graph API calls Messenger and Instagram need (issue 17): the OAuth code and long-lived token exchanges,
// the user's Pages with their Page tokens and Instagram accounts, the Page's webhook subscription, and the Send
// API. Every answer is checked with zod; Graph's error body `{error:{code, error_subcode, message}}` becomes a
// GraphError carrying the rate-limit hints (Retry-After, X-Business-Use-Case-Usage) the adapter honours.
import { z } from "zod";

const TIMEOUT_MS = 10_000;

export class GraphError extends Error {
  readonly status: number;
  readonly code: number | null;
  readonly subcode: number | null;
  /** Seconds Meta asks us to wait (rate limits), when it says. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: GraphErrorBody | undefined, retryAfterSeconds: number | undefined) {
    super(body?.message ?? `Graph API answered ${status}`);
    this.name = "GraphError";
    this.status = status;
    this.code = body?.code ?? null;
    this.subcode = body?.error_subcode ?? null;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const GraphErrorBody = z.object({
  message: z.string().max(2000).optional(),
  code: z.number().int().optional(),
  error_subcode: z.number().int().optional(),
});
type GraphErrorBody = z.infer<typeof GraphErrorBody>;

const UsageEntry = z.object({ estimated_time_to_regain_access: z.number().min(0).optional() });

/**
 * How long Meta asks us to wait: `Retry-After` (seconds), else the largest `estimated_time_to_regain_access`
 * (minutes) in `X-Business-Use-Case-Usage`; undefined when neither says.
 */
export function retryAfterOf(headers: Headers): number | undefined {
  const retryAfter = Number(headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.ceil(retryAfter);
  const usage = headers.get("x-business-use-case-usage");
  if (!usage) return undefined;
  try {
    const parsed = z.record(z.string(), z.array(UsageEntry)).safeParse(JSON.parse(usage));
    if (!parsed.success) return undefined;
    const minutes = Object.values(parsed.data)
      .flat()
      .map((e) => e.estimated_time_to_regain_access ?? 0);
    const max = Math.max(0, ...minutes);
    return max > 0 ? max * 60 : undefined;
  } catch {
    return undefined;
  }
}

async function graphFetch<T>(url: URL, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const body = z.object({ error: GraphErrorBody }).safeParse(json);
    throw new GraphError(res.status, body.success ? body.data.error : undefined, retryAfterOf(res.headers));
  }
  const parsed = schema.safeParse(json);
  // A success we cannot read: Meta may well have acted on it (the send adapter must not try again).
  if (!parsed.success)
    throw new GraphError(res.status, { message: "The Graph API answered in an unexpected shape." }, undefined);
  return parsed.data;
}

function graphUrl(env: Env, path: string, query: Record<string, string>): URL {
  const url = new URL(`${env.META_GRAPH_URL.replace(/\/+$/, "")}/${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

const Token = z.object({ access_token: z.string().min(1).max(2000) });

/** OAuth: the dialog's `code` for a (short-lived) user token. */
export async function exchangeCode(env: Env, code: string, redirectUri: string): Promise<string> {
  const url = graphUrl(env, "oauth/access_token", {
    client_id: env.META_APP_ID,
    redirect_uri: redirectUri,
    client_secret: env.META_APP_SECRET ?? "",
    code,
  });
  return (await graphFetch(url, Token)).access_token;
}

/** A short-lived user token for a long-lived one: the Page tokens read with it do not expire. */
export async function longLivedToken(env: Env, token: string): Promise<string> {
  const url = graphUrl(env, "oauth/access_token", {
    grant_type: "fb_exchange_token",
    client_id: env.META_APP_ID,
    client_secret: env.META_APP_SECRET ?? "",
    fb_exchange_token: token,
  });
  return (await graphFetch(url, Token)).access_token;
}

const Page = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).default(""),
  access_token: z.string().min(1).max(2000),
  instagram_business_account: z
    .object({ id: z.string().min(1).max(100), username: z.string().max(200).optional() })
    .optional(),
});
export type GraphPage = z.infer<typeof Page>;

/** The Pages the user granted, each with its Page token and linked Instagram professional account. */
export async function grantedPages(env: Env, userToken: string): Promise<GraphPage[]> {
  const url = graphUrl(env, "me/accounts", {
    fields: "id,name,access_token,instagram_business_account{id,username}",
    access_token: userToken,
  });
  return (await graphFetch(url, z.object({ data: z.array(Page).max(500) }))).data;
}

/** Subscribes our app to the Page's message webhooks. */
export async function subscribePage(env: Env, pageId: string, pageToken: string): Promise<void> {
  const url = graphUrl(env, `${encodeURIComponent(pageId)}/subscribed_apps`, {
    subscribed_fields: "messages,message_echoes,message_deliveries,message_reads",
    access_token: pageToken,
  });
  await graphFetch(url, z.object({ success: z.boolean() }), { method: "POST" });
}

export interface SendApiBody {
  recipient: { id: string };
  messaging_type: "RESPONSE" | "MESSAGE_TAG";
  tag?: "HUMAN_AGENT";
  message: { text: string };
}

/** The Send API (Messenger; Instagram through the same Page). Answers with Meta's message id. */
export async function sendApi(env: Env, pageId: string, pageToken: string, body: SendApiBody): Promise<string> {
  const url = graphUrl(env, `${encodeURIComponent(pageId)}/messages`, { access_token: pageToken });
  const sent = await graphFetch(url, z.object({ message_id: z.string().min(1).max(300) }), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return sent.message_id;
}
