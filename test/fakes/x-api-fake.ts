// A local stand-in for X API v2 direct messages and its OAuth 2.0 (PKCE) endpoints, following:
// - docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code (authorize URL params, S256
//   challenge, POST /2/oauth2/token for authorization_code and refresh_token, Basic auth for confidential clients,
//   refresh tokens that rotate: a used one stops working)
// - developer.x.com/en/docs/twitter-api/direct-messages/manage/api-reference/post-dm_conversations-with-participant_id-messages
//   (body {text} → 201 {data:{dm_conversation_id, dm_event_id}}; 200 requests / 15 min per user)
// - docs.x.com/x-api/direct-messages/lookup/integrate (GET /2/dm_events: MessageCreate events newest first with
//   id, event_type, text, sender_id, dm_conversation_id, created_at; one-to-one ids `{smaller}-{larger}`; paging by
//   meta.next_token → pagination_token; expansions=sender_id → includes.users)
// - developer.x.com/en/support/x-api/error-troubleshooting (problem bodies {title, detail, type, status};
//   x-rate-limit-limit|remaining|reset on every answer, reset in epoch seconds; 429 Too Many Requests)
// X does not publish the exact body of the 403 for a recipient who does not accept DMs; the fake answers the
// documented problem shape with a DM-specific detail and type (an assumption, marked as such).
// Test-only behaviour: the authorize page skips login and consent (redirects at once with code and state; a new
// X user per authorisation unless `fake_user=<id>` names one; `fake_deny=1` denies; `fake_expires_in=N` shortens
// the first access token); participant 999000403 refuses DMs; 999000429 answers 429 once per sender. Control
// endpoints under /_fake (seed inbound DMs, revoke or expire tokens, a 429 on the next DM events read, page size,
// what X received).
import { createHash, randomBytes } from "node:crypto";
import { serveFake } from "./fake-http";
import type { FakeRequest } from "./fake-http";
import { FAKE_X_CLIENT_ID, FAKE_X_CLIENT_SECRET } from "./fake-keys";

export const X_REFUSES_DMS = "999000403";
export const X_RATE_LIMITED_ONCE = "999000429";
/** Takes the DM, then answers 201 with a body that is not X's shape (a proxy's page, a cut connection). */
export const X_GARBLED_ANSWER = "999000201";

interface User {
  id: string;
  username: string;
  name: string;
}
interface Token {
  userId: string;
  expiresAt: number;
  valid: boolean;
}
interface DmEvent {
  id: string;
  event_type: "MessageCreate";
  text: string;
  sender_id: string;
  dm_conversation_id: string;
  created_at: string;
  participants: [string, string];
}

const WINDOW_S = 15 * 60;
const LIMIT = 200;

export async function startXFake() {
  const users = new Map<string, User>();
  const codes = new Map<string, { userId: string; challenge: string; redirectUri: string; expiresIn: number }>();
  const access = new Map<string, Token>();
  const refresh = new Map<string, Token>();
  const events: DmEvent[] = [];
  const sends: { from: string; participantId: string; text: string; dmEventId: string }[] = [];
  const refreshes = new Map<string, number>();
  const limited = new Set<string>();
  /** Users whose next GET /2/dm_events answers 429 (control: limit-dm-events). */
  const limitedReads = new Set<string>();
  const windows = new Map<string, { start: number; used: number }>();
  let pageCap = 100;
  let nextId = 1_900_000_000_000_000_000n;
  const newId = () => String((nextId += BigInt(1 + Math.floor(Math.random() * 1000))));
  const opaque = () => randomBytes(24).toString("base64url");
  const now = () => Math.floor(Date.now() / 1000);

  function rateHeaders(key: string, spend = true): Record<string, string> {
    let w = windows.get(key);
    if (!w || now() >= w.start + WINDOW_S) windows.set(key, (w = { start: now(), used: 0 }));
    if (spend) w.used++;
    return {
      "x-rate-limit-limit": String(LIMIT),
      "x-rate-limit-remaining": String(Math.max(0, LIMIT - w.used)),
      "x-rate-limit-reset": String(w.start + WINDOW_S),
    };
  }

  function issue(userId: string, expiresIn = 7200) {
    const accessToken = opaque();
    const refreshToken = opaque();
    access.set(accessToken, { userId, expiresAt: Date.now() + expiresIn * 1000, valid: true });
    refresh.set(refreshToken, { userId, expiresAt: Number.POSITIVE_INFINITY, valid: true });
    return {
      token_type: "bearer",
      expires_in: expiresIn,
      access_token: accessToken,
      scope: "dm.write dm.read tweet.read users.read offline.access",
      refresh_token: refreshToken,
    };
  }

  const conversation = (a: string, b: string) => (BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`);
  const addEvent = (sender: string, other: string, text: string): DmEvent => {
    const e: DmEvent = {
      id: newId(),
      event_type: "MessageCreate",
      text,
      sender_id: sender,
      dm_conversation_id: conversation(sender, other),
      created_at: new Date().toISOString(),
      participants: [sender, other],
    };
    events.push(e);
    return e;
  };

  function authorize(r: FakeRequest) {
    const q = r.url.searchParams;
    const redirect = q.get("redirect_uri") ?? "";
    if (q.get("client_id") !== FAKE_X_CLIENT_ID || !redirect || q.get("response_type") !== "code")
      return r.send(400, "Something went wrong: the app's client id or redirect URI is not valid.");
    if (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge") || !q.get("state"))
      return r.send(400, "Something went wrong: PKCE (S256) and state are required.");
    const back = new URL(redirect);
    back.searchParams.set("state", q.get("state")!);
    if (q.get("fake_deny") === "1") {
      back.searchParams.set("error", "access_denied");
      return r.send(302, "", { location: back.toString() });
    }
    // The same X user authorising again (a reconnect), or a new one.
    const again = users.get(q.get("fake_user") ?? "");
    const id = again?.id ?? newId();
    if (!again) users.set(id, { id, username: `fake_${id.slice(-6)}`, name: `Fake X ${id.slice(-6)}` });
    const code = opaque();
    codes.set(code, {
      userId: id,
      challenge: q.get("code_challenge")!,
      redirectUri: redirect,
      expiresIn: Number(q.get("fake_expires_in") ?? 7200),
    });
    back.searchParams.set("code", code);
    r.send(302, "", { location: back.toString() });
  }

  function token(r: FakeRequest) {
    const form = new URLSearchParams(r.text);
    const basic = r.req.headers.authorization;
    const expected = `Basic ${Buffer.from(`${FAKE_X_CLIENT_ID}:${FAKE_X_CLIENT_SECRET}`).toString("base64")}`;
    const invalid = (description: string) => r.send(400, { error: "invalid_request", error_description: description });
    if (basic !== expected)
      return r.send(401, { error: "unauthorized_client", error_description: "Missing valid authorization header" });
    if (form.get("grant_type") === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (!code || code.redirectUri !== form.get("redirect_uri") || code.challenge !== challenge)
        return invalid("Value passed for the authorization code was invalid.");
      return r.send(200, issue(code.userId, code.expiresIn));
    }
    if (form.get("grant_type") === "refresh_token") {
      const old = refresh.get(form.get("refresh_token") ?? "");
      if (!old?.valid) return invalid("Value passed for the token was invalid.");
      old.valid = false; // rotation: a refresh token works once
      refreshes.set(old.userId, (refreshes.get(old.userId) ?? 0) + 1);
      return r.send(200, issue(old.userId));
    }
    return invalid("Missing required parameter [grant_type].");
  }

  /** The user behind the bearer token, or a 401 sent. */
  function bearer(r: FakeRequest): User | undefined {
    const t = access.get((r.req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (!t?.valid || t.expiresAt < Date.now()) {
      r.send(
        401,
        { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" },
        rateHeaders("anon", false),
      );
      return undefined;
    }
    return users.get(t.userId);
  }

  function sendDm(r: FakeRequest, user: User, participantId: string) {
    const headers = rateHeaders(`${user.id}:dm_post`);
    let text: unknown;
    try {
      text = (JSON.parse(r.text) as { text?: unknown }).text;
    } catch {}
    if (typeof text !== "string" || text.length === 0)
      return r.send(
        400,
        {
          title: "Invalid Request",
          detail: "One or more parameters to your request was invalid.",
          type: "https://api.twitter.com/2/problems/invalid-request",
          status: 400,
        },
        headers,
      );
    if (participantId === X_REFUSES_DMS)
      return r.send(
        403,
        {
          title: "Forbidden",
          detail: "You cannot send messages to this user.",
          type: "https://api.twitter.com/2/problems/dm-not-allowed",
          status: 403,
        },
        headers,
      );
    if (participantId === X_RATE_LIMITED_ONCE && !limited.has(user.id)) {
      limited.add(user.id);
      return r.send(
        429,
        { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
        {
          ...headers,
          "x-rate-limit-remaining": "0",
          "x-rate-limit-reset": String(now() + 2),
        },
      );
    }
    const e = addEvent(user.id, participantId, text);
    sends.push({ from: user.id, participantId, text, dmEventId: e.id });
    if (participantId === X_GARBLED_ANSWER) return r.send(201, "<html>gateway</html>", headers);
    r.send(201, { data: { dm_conversation_id: e.dm_conversation_id, dm_event_id: e.id } }, headers);
  }

  function listEvents(r: FakeRequest, user: User) {
    const headers = rateHeaders(`${user.id}:dm_get`);
    if (limitedReads.delete(user.id)) {
      const limited = { ...headers, "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(now() + 30) };
      return r.send(
        429,
        { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
        limited,
      );
    }
    const q = r.url.searchParams;
    const mine = events
      .filter((e) => e.participants.includes(user.id))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const size = Math.min(Number(q.get("max_results") ?? 100), pageCap);
    const offset = Number(q.get("pagination_token") ?? 0) || 0;
    const page = mine.slice(offset, offset + size);
    const data = page.map(({ participants: _, ...e }) => e);
    const senders = [...new Set(page.map((e) => e.sender_id))].map((id) => users.get(id)).filter(Boolean);
    r.send(
      200,
      {
        ...(data.length ? { data } : {}),
        ...(q.get("expansions")?.includes("sender_id") && senders.length ? { includes: { users: senders } } : {}),
        meta: {
          result_count: data.length,
          ...(offset + size < mine.length ? { next_token: String(offset + size) } : {}),
        },
      },
      headers,
    );
  }

  function control(r: FakeRequest, parts: string[]) {
    const [, , id, action] = parts; // /_fake/users/:id/:action
    if (parts[1] === "whoami") {
      const found = [...users.values()].find((u) => u.username === r.url.searchParams.get("username"));
      return found ? r.send(200, found) : r.send(404, { error: "no such user" });
    }
    if (parts[1] === "config") {
      pageCap = Number((JSON.parse(r.text || "{}") as { pageCap?: number }).pageCap ?? 100);
      return r.send(200, { pageCap });
    }
    const user = users.get(id ?? "");
    if (!user) return r.send(404, { error: "no such user" });
    if (action === "inbound") {
      const body = JSON.parse(r.text) as { events: { senderId: string; text: string; name?: string }[] };
      const added = body.events.map((e) => {
        if (!users.has(e.senderId))
          users.set(e.senderId, {
            id: e.senderId,
            username: `u${e.senderId.slice(-6)}`,
            name: e.name ?? `X ${e.senderId}`,
          });
        return addEvent(e.senderId, user.id, e.text).id;
      });
      return r.send(200, { ids: added });
    }
    if (action === "limit-dm-events") {
      limitedReads.add(user.id);
      return r.send(200, { ok: true });
    }
    if (action === "revoke" || action === "expire-access") {
      for (const t of access.values()) if (t.userId === user.id) t.valid = false;
      if (action === "revoke") for (const t of refresh.values()) if (t.userId === user.id) t.valid = false;
      return r.send(200, { ok: true });
    }
    r.send(200, {
      user,
      refreshes: refreshes.get(user.id) ?? 0,
      sends: sends.filter((s) => s.from === user.id),
      reads: windows.get(`${user.id}:dm_get`)?.used ?? 0,
    });
  }

  const server = await serveFake((r) => {
    const path = r.url.pathname;
    const parts = path.split("/").filter(Boolean);
    if (parts[0] === "_fake") return control(r, parts);
    if (r.req.method === "GET" && path === "/i/oauth2/authorize") return authorize(r);
    if (r.req.method === "POST" && path === "/2/oauth2/token") return token(r);
    const dm = /^\/2\/dm_conversations\/with\/([0-9]{1,25})\/messages$/.exec(path);
    if (path === "/2/users/me" || path === "/2/dm_events" || dm) {
      const user = bearer(r);
      if (!user) return;
      if (path === "/2/users/me") return r.send(200, { data: user }, rateHeaders(`${user.id}:me`));
      if (dm && r.req.method === "POST") return sendDm(r, user, dm[1]!);
      if (path === "/2/dm_events" && r.req.method === "GET") return listEvents(r, user);
    }
    r.send(404, {
      title: "Not Found Error",
      detail: `No route ${r.req.method} ${path}`,
      type: "about:blank",
      status: 404,
    });
  });
  return { url: server.base, authorizeUrl: `${server.base}/i/oauth2/authorize`, close: server.close };
}
