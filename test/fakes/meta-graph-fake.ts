// A local stand-in for the parts of Meta's Graph API the Messenger and Instagram channels use (issue 17), following:
// - Facebook Login, manual flow: developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
//   (dialog/oauth → redirect_uri?code&state; GET oauth/access_token?client_id&redirect_uri&client_secret&code)
// - Long-lived tokens: developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
//   (grant_type=fb_exchange_token)
// - Pages: developers.facebook.com/docs/pages-api/getting-started (GET me/accounts with Page access tokens),
//   developers.facebook.com/docs/instagram-platform/instagram-api-with-facebook-login (instagram_business_account)
// - Webhook subscription: developers.facebook.com/docs/messenger-platform/webhooks#connect-your-app
//   (POST {page-id}/subscribed_apps?subscribed_fields=…)
// - Send API: developers.facebook.com/docs/messenger-platform/reference/send-api (POST {page-id}/messages,
//   `{recipient_id, message_id}`), message tags: …/send-messages/message-tags (HUMAN_AGENT)
// - Errors: developers.facebook.com/docs/messenger-platform/error-codes and
//   developers.facebook.com/docs/graph-api/overview/rate-limiting (`{error:{message,type,code,error_subcode,
//   fbtrace_id}}`; 10/2018278 outside the window, 551 unavailable, 613 rate limit with X-Business-Use-Case-Usage,
//   190 invalid token). The fake adds `Retry-After: 1` to its 613 so a test waits a second, not a minute.
// Recipients steer the Send API: a PSID starting `psid-window-closed` answers 10/2018278, `psid-ratelimit` 613
// once then succeeds, `psid-unavailable` 551, `psid-bad-token` 190. Control endpoints (`/__control/…`) set the
// Pages the next login grants and list the sends received.
import { serveFake } from "./fake-http";
import type { FakeRequest } from "./fake-http";

export const FAKE_META_APP_ID = "fake-meta-app-id";
export const FAKE_META_APP_SECRET = "fake-meta-app-secret-0123456789";
export const FAKE_META_VERIFY_TOKEN = "fake-meta-verify-token";
const VERSION = "/v21.0";

interface FakePage {
  id: string;
  name: string;
  access_token: string;
  instagram_business_account?: { id: string; username: string };
}

interface Grant {
  redirectUri: string;
  pages: FakePage[];
}

export interface RecordedSend {
  pageId: string;
  body: { recipient?: { id?: string }; messaging_type?: string; tag?: string; message?: { text?: string } };
  messageId: string;
}

const graphError = (r: FakeRequest, status: number, code: number, message: string, extra: object = {}) =>
  r.send(status, { error: { message, type: "OAuthException", code, fbtrace_id: "Fake123", ...extra } }, {});

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

function freshPages(): FakePage[] {
  const id = nextId("page");
  return [
    {
      id,
      name: `Fake Page ${counter}`,
      access_token: `page-token-${id}`,
      instagram_business_account: { id: nextId("ig"), username: `fake_ig_${counter}` },
    },
  ];
}

export async function startMetaGraphFake() {
  const codes = new Map<string, Grant>();
  const userTokens = new Map<string, FakePage[]>();
  const pageTokens = new Map<string, string>();
  const sends: RecordedSend[] = [];
  const rateLimited = new Set<string>();
  const subscribed = new Map<string, string>();
  let nextPages: FakePage[] | undefined;

  const server = await serveFake(async (r) => {
    const { pathname, searchParams: q } = r.url;
    if (pathname === "/__control/next-pages" && r.req.method === "POST") {
      nextPages = (JSON.parse(r.text) as { pages: FakePage[] }).pages;
      return r.send(204);
    }
    if (pathname === "/__control/sends") {
      const to = q.get("recipient");
      return r.send(200, { sends: sends.filter((s) => !to || s.body.recipient?.id === to) });
    }
    if (pathname === "/__control/subscriptions") return r.send(200, { pages: Object.fromEntries(subscribed) });
    if (!pathname.startsWith(VERSION)) return graphError(r, 404, 803, "Unknown path");
    const path = pathname.slice(VERSION.length);

    if (path === "/dialog/oauth") {
      const redirect = q.get("redirect_uri");
      if (q.get("client_id") !== FAKE_META_APP_ID || !redirect) return r.send(400, "Invalid app or redirect_uri");
      const code = nextId("code");
      codes.set(code, { redirectUri: redirect, pages: nextPages ?? freshPages() });
      nextPages = undefined;
      const back = new URL(redirect);
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state") ?? "");
      const href = back.toString().replace(/&/g, "&amp;");
      return r.send(
        200,
        `<!doctype html><title>Log in with Facebook (fake)</title><h1>Fake Meta login</h1>
<p>Scopes: ${(q.get("scope") ?? "").replace(/[<>&]/g, "")}</p><a id="continue" href="${href}">Continue</a>`,
        { "content-type": "text/html" },
      );
    }

    if (path === "/oauth/access_token" && r.req.method === "GET") {
      if (q.get("client_id") !== FAKE_META_APP_ID || q.get("client_secret") !== FAKE_META_APP_SECRET)
        return graphError(r, 400, 1, "Error validating client secret.");
      if (q.get("grant_type") === "fb_exchange_token") {
        const pages = userTokens.get(q.get("fb_exchange_token") ?? "");
        if (!pages) return graphError(r, 400, 190, "Invalid OAuth access token.");
        const long = nextId("long-user-token");
        userTokens.set(long, pages);
        return r.send(200, { access_token: long, token_type: "bearer", expires_in: 5_184_000 });
      }
      const grant = codes.get(q.get("code") ?? "");
      codes.delete(q.get("code") ?? "");
      if (!grant || grant.redirectUri !== q.get("redirect_uri"))
        return graphError(r, 400, 100, "Invalid verification code format.", { error_subcode: 36007 });
      const short = nextId("user-token");
      userTokens.set(short, grant.pages);
      return r.send(200, { access_token: short, token_type: "bearer", expires_in: 3600 });
    }

    if (path === "/me/accounts" && r.req.method === "GET") {
      const pages = userTokens.get(q.get("access_token") ?? "");
      if (!pages) return graphError(r, 400, 190, "Invalid OAuth access token.");
      for (const p of pages) pageTokens.set(p.access_token, p.id);
      return r.send(200, { data: pages, paging: { cursors: { before: "b", after: "a" } } });
    }

    const pageCall = /^\/([^/]+)\/(subscribed_apps|messages)$/.exec(path);
    if (pageCall && r.req.method === "POST") {
      const [, pageId, what] = pageCall as unknown as [string, string, string];
      if (pageTokens.get(q.get("access_token") ?? "") !== pageId)
        return graphError(r, 400, 190, "Invalid OAuth access token.");
      if (what === "subscribed_apps") {
        subscribed.set(pageId, q.get("subscribed_fields") ?? "");
        return r.send(200, { success: true });
      }
      return sendApi(r, pageId);
    }
    return graphError(r, 400, 100, `Unsupported request: ${r.req.method} ${path}`);
  });

  function sendApi(r: FakeRequest, pageId: string) {
    const body = JSON.parse(r.text || "{}") as RecordedSend["body"];
    const to = body.recipient?.id ?? "";
    if (!to || !body.message?.text) return graphError(r, 400, 100, "(#100) Invalid parameter");
    if (body.messaging_type === "MESSAGE_TAG" && body.tag !== "HUMAN_AGENT")
      return graphError(r, 400, 100, "(#100) Tag is not supported");
    if (to.startsWith("psid-window-closed"))
      return graphError(r, 400, 10, "(#10) This message is sent outside of allowed window.", {
        error_subcode: 2018278,
      });
    if (to.startsWith("psid-unavailable"))
      return graphError(r, 400, 551, "This person isn't available right now.", { error_subcode: 1545041 });
    if (to.startsWith("psid-bad-token")) return graphError(r, 401, 190, "Error validating access token.");
    if (to.startsWith("psid-ratelimit") && !rateLimited.has(to)) {
      rateLimited.add(to);
      r.send(
        400,
        {
          error: {
            message: "(#613) Calls to this api have exceeded the rate limit.",
            type: "OAuthException",
            code: 613,
          },
        },
        {
          "retry-after": "1",
          "x-business-use-case-usage": JSON.stringify({
            [pageId]: [{ type: "messenger", call_count: 100, total_cputime: 1, total_time: 1 }],
          }),
        },
      );
      return;
    }
    const messageId = nextId("m");
    sends.push({ pageId, body, messageId });
    return r.send(200, { recipient_id: to, message_id: messageId });
  }

  return {
    graphUrl: `${server.base}${VERSION}`,
    dialogUrl: `${server.base}${VERSION}/dialog/oauth`,
    controlUrl: server.base,
    close: server.close,
  };
}
