// A local stand-in for LinkedIn's internal "Voyager" API, as the session-host's LinkedIn sessions call it
// (decision 020). LinkedIn documents none of it; the behaviour follows the open-source clients that use it
// (github.com/tomquirk/linkedin-api `linkedin_api/linkedin.py` and `client.py`; npm `linkedin-private-api`):
// - auth: cookie `li_at` + `JSESSIONID="ajax:…"`, and the same JSESSIONID as the `csrf-token` header — a mismatch
//   is `403 CSRF check failed`; an expired `li_at` is 401; a session LinkedIn wants to re-verify is redirected
//   (302) to `/checkpoint/challenge/…`.
// - `GET /voyager/api/me` → `{miniProfile:{publicIdentifier, firstName, lastName, entityUrn}}`.
// - `GET /voyager/api/identity/profiles/:publicId/networkinfo` → `{distance:{value:"DISTANCE_1"|"DISTANCE_2"|…}}`;
//   `…/profileView` → `{profile:{entityUrn:"urn:li:fs_profile:<id>"}}`; unknown profile → 404.
// - `POST /voyager/api/messaging/conversations?action=create` `{keyVersion, conversationCreate:{eventCreate:{
//   originToken, value:{"com.linkedin.voyager.messaging.create.MessageCreate":{attributedBody:{text}}}},
//   recipients:[profileId], subtype:"MEMBER_TO_MEMBER"}}` → 201 `{value:{entityUrn, eventUrn, createdAt}}`.
//   To someone who is not a 1st-degree connection: 422 (the status code is not confirmed by any source; the
//   session also checks the distance first). A repeated originToken is kept once (the web client's dedupe).
// - `GET /voyager/api/messaging/conversations?keyVersion=LEGACY_INBOX` → `{elements:[{entityUrn, lastActivityAt}]}`
//   newest first; `GET …/conversations/:id/events` → `{elements:[{entityUrn, createdAt, from:{MessagingMember},
//   eventContent:{MessageEvent:{attributedBody:{text}}}}]}`.
// - 429 with `Retry-After` when throttled (LinkedIn's limits are unpublished; see integrations.md).
// Who is who comes from the names: an `li_at` containing "checkpoint" is challenged, "expired" is signed out;
// profile slugs starting "conn-" are 1st-degree connections, "far-" are 2nd-degree, "ghost-" do not exist.
// "odd-" profiles answer networkinfo in a shape we cannot read; "forbid-" profiles answer 403 without CSRF words.
// `/__control/*` (not LinkedIn's) lets tests add inbound messages, throttle, and read what was sent.
import { serveFake } from "./fake-http";

interface Person {
  publicIdentifier: string;
  firstName: string;
  lastName: string;
  entityUrn: string;
}
interface Event {
  entityUrn: string;
  createdAt: number;
  from: Person;
  text: string;
}
interface Account {
  me: Person;
  conversations: Map<string, { id: string; with: string; events: Event[] }>;
  origins: Map<string, Event>;
}
export interface SentMessage {
  liAt: string;
  to: string;
  text: string;
  originToken: string | null;
}

const idOf = (slug: string) => `ACoAA${Buffer.from(slug).toString("hex").slice(0, 24)}`;
function person(slug: string): Person {
  const [first = slug, last = ""] = slug.replace(/^(conn|far|rep)-/, "").split("-");
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    publicIdentifier: slug,
    firstName: cap(first),
    lastName: cap(last),
    entityUrn: `urn:li:fs_miniProfile:${idOf(slug)}`,
  };
}
const member = (p: Person) => ({ "com.linkedin.voyager.messaging.MessagingMember": { miniProfile: p } });
const distanceOf = (slug: string) =>
  slug.startsWith("conn-") ? "DISTANCE_1" : slug.startsWith("far-") ? "DISTANCE_2" : "OUT_OF_NETWORK";

function cookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0)
      out.set(
        part.slice(0, i).trim(),
        part
          .slice(i + 1)
          .trim()
          .replace(/^"|"$/g, ""),
      );
  }
  return out;
}

export async function startLinkedinFake() {
  const accounts = new Map<string, Account>();
  const sent: SentMessage[] = [];
  const requests: { path: string; status: number }[] = [];
  let throttle = { times: 0, retryAfter: 0, match: "" };
  let seq = 0;

  const accountOf = (liAt: string): Account => {
    let account = accounts.get(liAt);
    if (!account) {
      account = { me: person(`rep-${liAt.slice(-6).toLowerCase()}`), conversations: new Map(), origins: new Map() };
      accounts.set(liAt, account);
    }
    return account;
  };
  const conversationWith = (account: Account, slug: string) => {
    const id = `2-${idOf(`${account.me.publicIdentifier}:${slug}`)}`;
    let c = account.conversations.get(id);
    if (!c) account.conversations.set(id, (c = { id, with: slug, events: [] }));
    return c;
  };

  /** The slug a profile id was made from (ids are derived from slugs, as LinkedIn's are fixed per member). */
  const known = new Map<string, string>();
  const remember = (slug: string) => known.set(idOf(slug), slug);
  function findSlug(profileId: string | undefined): string | undefined {
    return profileId ? known.get(profileId) : undefined;
  }

  const server = await serveFake(({ req, url, text, send: answer }) => {
    const send = (status: number, payload?: unknown, headers?: Record<string, string>) => {
      requests.push({ path: url.pathname, status });
      answer(status, payload, headers);
    };
    const path = url.pathname;
    if (path.startsWith("/__control/")) return control(path, text, send);
    if (!path.startsWith("/voyager/api/")) return send(404, { status: 404 });
    if (throttle.times > 0 && path.includes(throttle.match)) {
      throttle.times--;
      return send(429, { status: 429 }, throttle.retryAfter ? { "retry-after": String(throttle.retryAfter) } : {});
    }
    const jar = cookies(req.headers.cookie);
    const liAt = jar.get("li_at");
    if (!liAt || liAt.includes("expired")) return send(401, { status: 401 });
    if (liAt.includes("checkpoint"))
      return send(302, "", { location: "https://www.linkedin.com/checkpoint/challenge/AgFake?ut=1" });
    if (!jar.get("JSESSIONID") || jar.get("JSESSIONID") !== req.headers["csrf-token"])
      return send(403, "CSRF check failed.");
    const account = accountOf(liAt);
    const api = path.slice("/voyager/api".length);

    if (req.method === "GET" && api === "/me") return send(200, { miniProfile: account.me, plainId: 1 });
    const profile = /^\/identity\/profiles\/([^/]+)\/(networkinfo|profileView)$/.exec(api);
    if (req.method === "GET" && profile) {
      const slug = decodeURIComponent(profile[1]!);
      if (slug.startsWith("ghost-")) return send(404, { status: 404 });
      // Answers that explain nothing: a 403 without CSRF words, a network-distance answer of another shape.
      if (slug.startsWith("forbid-")) return send(403, "Forbidden");
      if (slug.startsWith("odd-") && profile[2] === "networkinfo") return send(200, { network: "?" });
      if (profile[2] === "networkinfo") return send(200, { distance: { value: distanceOf(slug) } });
      remember(slug);
      return send(200, { profile: { ...person(slug), entityUrn: `urn:li:fs_profile:${idOf(slug)}` } });
    }
    if (req.method === "POST" && api === "/messaging/conversations" && url.searchParams.get("action") === "create") {
      const body = JSON.parse(text || "{}");
      const create = body?.conversationCreate;
      const message = create?.eventCreate?.value?.["com.linkedin.voyager.messaging.create.MessageCreate"];
      const to: string | undefined = create?.recipients?.[0];
      const slug = findSlug(to);
      if (!message?.attributedBody?.text || !to || !slug) return send(400, { status: 400 });
      if (distanceOf(slug) !== "DISTANCE_1") return send(422, { status: 422, message: "Recipient not in network" });
      const origin: string | null = create.eventCreate.originToken ?? null;
      const earlier = origin ? account.origins.get(origin) : undefined;
      const conversation = conversationWith(account, slug);
      if (!earlier) {
        const event = {
          entityUrn: `urn:li:fs_event:(${conversation.id},5-${++seq})`,
          createdAt: Date.now(),
          from: account.me,
          text: message.attributedBody.text,
        };
        conversation.events.push(event);
        if (origin) account.origins.set(origin, event);
        sent.push({ liAt, to: slug, text: event.text, originToken: origin });
      }
      const event = earlier ?? conversation.events.at(-1)!;
      return send(201, {
        value: {
          entityUrn: `urn:li:fs_conversation:${conversation.id}`,
          eventUrn: event.entityUrn,
          createdAt: event.createdAt,
        },
      });
    }
    if (req.method === "GET" && api === "/messaging/conversations")
      return send(200, {
        elements: [...account.conversations.values()]
          .filter((c) => c.events.length > 0)
          .map((c) => ({ entityUrn: `urn:li:fs_conversation:${c.id}`, lastActivityAt: c.events.at(-1)!.createdAt }))
          .sort((a, b) => b.lastActivityAt - a.lastActivityAt),
      });
    const events = /^\/messaging\/conversations\/([^/]+)\/events$/.exec(api);
    if (req.method === "GET" && events) {
      const c = account.conversations.get(decodeURIComponent(events[1]!));
      if (!c) return send(404, { status: 404 });
      return send(200, {
        elements: c.events.map((e) => ({
          entityUrn: e.entityUrn,
          createdAt: e.createdAt,
          from: member(e.from),
          eventContent: { "com.linkedin.voyager.messaging.event.MessageEvent": { attributedBody: { text: e.text } } },
        })),
      });
    }
    return send(404, { status: 404 });
  });

  function control(path: string, text: string, send: (s: number, p?: unknown) => void) {
    const body = text ? JSON.parse(text) : {};
    if (path === "/__control/inbound") {
      const account = accountOf(body.liAt);
      const conversation = conversationWith(account, body.from);
      const event = {
        entityUrn: `urn:li:fs_event:(${conversation.id},5-${++seq})`,
        createdAt: Date.now(),
        from: person(body.from),
        text: body.text,
      };
      conversation.events.push(event);
      return send(201, { id: event.entityUrn });
    }
    if (path === "/__control/throttle") {
      throttle = { times: body.times ?? 1, retryAfter: body.retryAfter ?? 0, match: body.match ?? "" };
      return send(200, {});
    }
    if (path === "/__control/sent") return send(200, { sent, requests });
    return send(404, {});
  }

  return {
    url: server.base,
    sent,
    requests,
    inbound: (liAt: string, from: string, text: string) =>
      fetch(`${server.base}/__control/inbound`, { method: "POST", body: JSON.stringify({ liAt, from, text }) }),
    /** The next `times` requests whose path contains `match` answer 429 (with Retry-After when given). */
    throttle: (times: number, retryAfter = 0, match = "") => {
      throttle = { times, retryAfter, match };
    },
    close: server.close,
  };
}
