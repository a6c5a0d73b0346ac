// LinkedIn's internal "Voyager" API as the web app calls it with the rep's own cookie session (decision 020).
// There is no public messaging API for this use; the shapes below follow what the open-source clients send
// (tomquirk/linkedin-api, linkedin-private-api): cookie `li_at` + `JSESSIONID`, the JSESSIONID value again as
// the `csrf-token` header, Rest.li protocol 2.0.0. Every answer is classified here, so the session only sees
// typed outcomes: logged out, checkpoint, rate limited (with the wait LinkedIn names), refused, or data.
import { z } from "zod";

export const VOYAGER = "/voyager/api";

export class VoyagerError extends Error {
  constructor(
    readonly kind: "logged_out" | "checkpoint" | "rate_limited" | "not_found" | "refused" | "unavailable",
    readonly statusCode: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "VoyagerError";
  }
}

const Me = z.object({
  miniProfile: z.object({
    publicIdentifier: z.string(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    entityUrn: z.string(),
  }),
});
const NetworkInfo = z.object({ distance: z.object({ value: z.string() }) });
const ProfileView = z.object({ profile: z.object({ entityUrn: z.string() }) });
const Member = z.object({
  "com.linkedin.voyager.messaging.MessagingMember": z.object({
    miniProfile: z.object({
      publicIdentifier: z.string(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      entityUrn: z.string(),
    }),
  }),
});
const VoyagerEvent = z.object({
  entityUrn: z.string(),
  createdAt: z.number(),
  from: Member,
  eventContent: z.object({
    "com.linkedin.voyager.messaging.event.MessageEvent": z
      .object({ attributedBody: z.object({ text: z.string() }).optional(), body: z.string().optional() })
      .optional(),
  }),
});
const Conversations = z.object({
  elements: z.array(z.object({ entityUrn: z.string(), lastActivityAt: z.number() })),
});
const Events = z.object({ elements: z.array(VoyagerEvent) });
const Created = z.object({ value: z.object({ entityUrn: z.string().optional(), eventUrn: z.string().optional() }) });

export type MessagingMember = z.infer<typeof Member>["com.linkedin.voyager.messaging.MessagingMember"]["miniProfile"];
export interface VoyagerMessage {
  id: string;
  conversationId: string;
  at: number;
  from: MessagingMember;
  text: string;
}

/** The last path segment of an `urn:li:…:<id>` (profile ids, conversation ids). */
export const urnId = (urn: string) => urn.slice(urn.lastIndexOf(":") + 1);

/**
 * A double-submit CSRF pair the rep did not paste: LinkedIn compares the header with the cookie. It guards the
 * rep's session, so it comes from the system's secure random source (a byte ≥ 250 is drawn again: no digit bias).
 */
export function newJsessionId(fill: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let digits = "";
  while (digits.length < 19)
    for (const byte of fill(new Uint8Array(32))) if (byte < 250 && digits.length < 19) digits += byte % 10;
  return `ajax:${digits}`;
}

export class VoyagerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly cookie: { liAt: string; jsessionId: string },
    private readonly timeoutMs = 20_000,
  ) {}

  private async call(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const { liAt, jsessionId } = this.cookie;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${VOYAGER}${path}`, {
        method,
        redirect: "manual",
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          cookie: `li_at=${liAt}; JSESSIONID="${jsessionId}"`,
          "csrf-token": jsessionId,
          "x-restli-protocol-version": "2.0.0",
          "x-li-lang": "en_US",
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new VoyagerError("unavailable", 0, `LinkedIn did not answer: ${(error as Error).message}`);
    }
    const text = await res.text().catch(() => "");
    if (res.status >= 300 && res.status < 400) {
      // A session LinkedIn wants to re-verify is sent to a checkpoint page; an expired one to the login page.
      const location = res.headers.get("location") ?? "";
      if (/checkpoint|challenge/i.test(location))
        throw new VoyagerError("checkpoint", res.status, "LinkedIn asks for a security check");
      throw new VoyagerError("logged_out", res.status, "LinkedIn sent the session to its login page");
    }
    if (res.status === 401) throw new VoyagerError("logged_out", 401, "LinkedIn refused the session cookie");
    if (res.status === 429) {
      const wait = Number(res.headers.get("retry-after"));
      throw new VoyagerError(
        "rate_limited",
        429,
        "LinkedIn answered 429 Too Many Requests",
        Number.isFinite(wait) && wait > 0 ? wait : undefined,
      );
    }
    if (res.status === 404) throw new VoyagerError("not_found", 404, "LinkedIn has no such profile");
    if (res.status === 403 && /CSRF/i.test(text))
      throw new VoyagerError("logged_out", 403, "LinkedIn refused the session's CSRF token (JSESSIONID)");
    if (res.status >= 500) throw new VoyagerError("unavailable", res.status, `LinkedIn answered ${res.status}`);
    if (res.status >= 400) throw new VoyagerError("refused", res.status, `LinkedIn refused: ${text.slice(0, 200)}`);
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      throw new VoyagerError("unavailable", res.status, "LinkedIn answered with something that is not JSON");
    }
  }

  async me(): Promise<MessagingMember> {
    const parsed = Me.safeParse(await this.call("GET", "/me"));
    if (!parsed.success) throw new VoyagerError("unavailable", 200, "LinkedIn's /me answer was not understood");
    return parsed.data.miniProfile;
  }

  /** "DISTANCE_1" for a 1st-degree connection; "DISTANCE_2", "DISTANCE_3" or "OUT_OF_NETWORK" otherwise. */
  async distance(publicId: string): Promise<string> {
    const parsed = NetworkInfo.safeParse(
      await this.call("GET", `/identity/profiles/${encodeURIComponent(publicId)}/networkinfo`),
    );
    return parsed.success ? parsed.data.distance.value : "UNKNOWN";
  }

  /** The profile's id (the last part of its `urn:li:fs_profile:` urn), which messaging addresses. */
  async profileId(publicId: string): Promise<string> {
    const parsed = ProfileView.safeParse(
      await this.call("GET", `/identity/profiles/${encodeURIComponent(publicId)}/profileView`),
    );
    if (!parsed.success) throw new VoyagerError("not_found", 200, "LinkedIn's profile answer was not understood");
    return urnId(parsed.data.profile.entityUrn);
  }

  /**
   * A new member-to-member message (LinkedIn appends it to the existing conversation with that person).
   * `originToken` is the web client's own dedupe token: a send repeated after a crash carries the same one.
   */
  async sendMessage(profileId: string, text: string, originToken: string): Promise<string | null> {
    const body = {
      keyVersion: "LEGACY_INBOX",
      conversationCreate: {
        eventCreate: {
          originToken,
          value: {
            "com.linkedin.voyager.messaging.create.MessageCreate": {
              attributedBody: { text, attributes: [] },
              attachments: [],
            },
          },
        },
        recipients: [profileId],
        subtype: "MEMBER_TO_MEMBER",
      },
    };
    const parsed = Created.safeParse(await this.call("POST", "/messaging/conversations?action=create", body));
    return parsed.success ? (parsed.data.value.eventUrn ?? parsed.data.value.entityUrn ?? null) : null;
  }

  /** Conversations with activity, newest first (LinkedIn's default order). */
  async conversations(): Promise<{ id: string; lastActivityAt: number }[]> {
    const parsed = Conversations.safeParse(await this.call("GET", "/messaging/conversations?keyVersion=LEGACY_INBOX"));
    if (!parsed.success) return [];
    return parsed.data.elements.map((c) => ({ id: urnId(c.entityUrn), lastActivityAt: c.lastActivityAt }));
  }

  async messages(conversationId: string): Promise<VoyagerMessage[]> {
    const parsed = Events.safeParse(
      await this.call("GET", `/messaging/conversations/${encodeURIComponent(conversationId)}/events`),
    );
    if (!parsed.success) return [];
    return parsed.data.elements.flatMap((e) => {
      const content = e.eventContent["com.linkedin.voyager.messaging.event.MessageEvent"];
      const text = content?.attributedBody?.text ?? content?.body;
      if (!text) return [];
      return [
        {
          id: e.entityUrn,
          conversationId,
          at: e.createdAt,
          from: e.from["com.linkedin.voyager.messaging.MessagingMember"].miniProfile,
          text,
        },
      ];
    });
  }
}
