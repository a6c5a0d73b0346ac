// The Worker's side of the session-host's API (decision 017): every request signed with SESSION_HOST_SECRET
// (session-host/src/protocol/signature.ts, the same file the host verifies with), bounded by a timeout, and
// every answer parsed with the host's own schemas (protocol/api.ts). The host's answers become AppErrors a
// caller can show as they are: its 404 → RESOURCE_NOT_FOUND, 409 → CONFLICT, 400 → VALIDATION_FAILED; a host
// that does not answer, answers 5xx or refuses our signature → SERVICE_UNAVAILABLE (retryable).
// (Named .http, not .client: React Router strips `*.client.ts` modules from server builds (its client-only convention).)
import { z } from "zod";
import {
  type LinkedinCookie,
  PairingCodeView,
  QrView,
  SendAccepted,
  type SendMessageBody as HostSendBody,
  SessionView,
} from "../../../session-host/src/protocol/api";
import { signRequest } from "../../../session-host/src/protocol/signature";
import { AppError } from "../../lib/app-error";

export type { SessionView };
/** What the Worker sends; the host fills its defaults (e.g. `reply: false`). */
export type SendMessageBody = z.input<typeof HostSendBody>;

const DEFAULT_TIMEOUT_MS = 8000;
/** Consecutive unreachable answers after which calls fail at once for a while (per isolate). */
const BREAKER_THRESHOLD = 3;
const BREAKER_COOL_DOWN_MS = 10_000;
const breaker = { failures: 0, openUntil: 0 };

const HostErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

export const HOST_UNAVAILABLE_MESSAGE =
  "The session host (WhatsApp, LinkedIn) is not reachable right now. Try again in a minute; if it persists, check that it runs.";

function unavailable(reason: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError("SERVICE_UNAVAILABLE", HOST_UNAVAILABLE_MESSAGE, {
    service: "session-host",
    reason,
    ...extra,
    headers: { "retry-after": "5" },
  });
}

interface CallOptions {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  workspaceId: string;
  body?: unknown;
}

export interface SessionHostClient {
  /** A WhatsApp session to pair, or (with `linkedin`) a LinkedIn session on the rep's own cookie (decision 020). */
  createSession(workspaceId: string, name: string, linkedin?: { cookie: LinkedinCookie }): Promise<SessionView>;
  listSessions(workspaceId: string): Promise<SessionView[]>;
  getSession(workspaceId: string, id: string): Promise<SessionView>;
  qr(workspaceId: string, id: string): Promise<z.infer<typeof QrView>>;
  pairingCode(workspaceId: string, id: string, phone: string): Promise<z.infer<typeof PairingCodeView>>;
  pause(workspaceId: string, id: string): Promise<SessionView>;
  resume(workspaceId: string, id: string): Promise<SessionView>;
  /** LinkedIn: a fresh cookie after a checkpoint or a log-out. */
  reconnect(workspaceId: string, id: string, cookie?: LinkedinCookie): Promise<SessionView>;
  setPacing(workspaceId: string, id: string, settings: Record<string, unknown>): Promise<SessionView>;
  deleteSession(workspaceId: string, id: string): Promise<void>;
  send(workspaceId: string, id: string, body: SendMessageBody): Promise<SendAccepted>;
}

export function sessionHostClient(env: Env): SessionHostClient {
  const base = env.SESSION_HOST_URL;
  const secret = env.SESSION_HOST_SECRET;
  const timeoutMs = Number(env.SESSION_HOST_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;

  async function call<S extends z.ZodType>(schema: S | null, opts: CallOptions): Promise<z.output<S>> {
    if (!base || !secret)
      throw new AppError(
        "SERVICE_UNAVAILABLE",
        "WhatsApp and LinkedIn are not set up on this server (SESSION_HOST_SECRET is unset).",
        {
          service: "session-host",
          reason: "not_configured",
          headers: { "retry-after": "60" },
        },
      );
    if (Date.now() < breaker.openUntil) throw unavailable("breaker_open");
    // The workspace goes in the query on every call: the host checks the session is that workspace's.
    const sep = opts.path.includes("?") ? "&" : "?";
    const path = `${opts.path}${sep}workspaceId=${encodeURIComponent(opts.workspaceId)}`;
    const raw = opts.body === undefined ? "" : JSON.stringify(opts.body);
    let res: Response;
    try {
      const headers = await signRequest(secret, { method: opts.method, path, body: raw });
      res = await fetch(new URL(path, base), {
        method: opts.method,
        headers: { ...headers, ...(raw ? { "content-type": "application/json" } : {}) },
        ...(raw ? { body: raw } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      trip();
      throw unavailable(error instanceof Error && error.name === "TimeoutError" ? "timeout" : "unreachable");
    }
    if (res.status >= 500) {
      trip();
      await res.body?.cancel();
      throw unavailable("host_error", { status: res.status });
    }
    breaker.failures = 0;
    const json = res.status === 204 ? null : await res.json().catch(() => undefined);
    if (!res.ok) throw hostError(res.status, json);
    if (schema === null) return undefined as z.output<S>;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw unavailable("bad_response");
    return parsed.data;
  }

  const id = (s: string) => encodeURIComponent(s);
  return {
    createSession: (workspaceId, name, linkedin) =>
      call(SessionView, {
        method: "POST",
        path: "/sessions",
        workspaceId,
        body: linkedin
          ? { workspaceId, channel: "linkedin", name, cookie: linkedin.cookie }
          : { workspaceId, channel: "whatsapp", name },
      }),
    listSessions: async (workspaceId) =>
      (await call(z.object({ sessions: z.array(SessionView) }), { method: "GET", path: "/sessions", workspaceId }))
        .sessions,
    getSession: (workspaceId, s) => call(SessionView, { method: "GET", path: `/sessions/${id(s)}`, workspaceId }),
    qr: (workspaceId, s) => call(QrView, { method: "GET", path: `/sessions/${id(s)}/qr`, workspaceId }),
    pairingCode: (workspaceId, s, phone) =>
      call(PairingCodeView, { method: "POST", path: `/sessions/${id(s)}/pairing-code`, workspaceId, body: { phone } }),
    pause: (workspaceId, s) => call(SessionView, { method: "POST", path: `/sessions/${id(s)}/pause`, workspaceId }),
    resume: (workspaceId, s) => call(SessionView, { method: "POST", path: `/sessions/${id(s)}/resume`, workspaceId }),
    reconnect: (workspaceId, s, cookie) =>
      call(SessionView, {
        method: "POST",
        path: `/sessions/${id(s)}/reconnect`,
        workspaceId,
        ...(cookie ? { body: { cookie } } : {}),
      }),
    setPacing: (workspaceId, s, settings) =>
      call(SessionView, { method: "PATCH", path: `/sessions/${id(s)}/pacing`, workspaceId, body: settings }),
    deleteSession: async (workspaceId, s) => {
      await call(null, { method: "DELETE", path: `/sessions/${id(s)}`, workspaceId });
    },
    send: (workspaceId, s, body) =>
      call(SendAccepted, { method: "POST", path: `/sessions/${id(s)}/messages`, workspaceId, body }),
  };
}

function trip(): void {
  breaker.failures++;
  if (breaker.failures >= BREAKER_THRESHOLD) {
    breaker.openUntil = Date.now() + BREAKER_COOL_DOWN_MS;
    breaker.failures = 0;
  }
}

/** Tests: forget earlier failures. */
export function resetSessionHostBreaker(): void {
  breaker.failures = 0;
  breaker.openUntil = 0;
}

/** The host's 4xx answer as our error. Its messages are written for reps, so they are passed on. */
function hostError(status: number, json: unknown): AppError {
  const parsed = HostErrorBody.safeParse(json);
  const message = parsed.success ? parsed.data.error.message : `The session host answered ${status}.`;
  const details = { service: "session-host", hostCode: parsed.success ? parsed.data.error.code : undefined };
  switch (status) {
    case 404:
      return new AppError("RESOURCE_NOT_FOUND", message, details);
    case 409:
      return new AppError("CONFLICT", message, { ...details, ...(parsed.data?.error.details ?? {}) });
    case 400:
      return new AppError("VALIDATION_FAILED", message, {
        ...details,
        location: "body",
        fields: hostFields(parsed.data?.error.details),
      });
    case 401:
      // Our signature was refused: the two sides do not share the same SESSION_HOST_SECRET (or clocks drift).
      return unavailable("signature_refused");
    default:
      return unavailable("unexpected_status", { status });
  }
}

/** The host names bad fields `{field: message}`; our envelope lists messages per field. */
function hostFields(details: Record<string, unknown> | undefined): Record<string, string[]> {
  const fields = details?.fields;
  if (!fields || typeof fields !== "object") return {};
  return Object.fromEntries(Object.entries(fields as Record<string, unknown>).map(([k, v]) => [k, [String(v)]]));
}
