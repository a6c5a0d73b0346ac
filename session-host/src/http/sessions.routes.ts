// The host's API (decision 017). Thin: validation, ownership of the session by the caller's workspace, then the
// manager, the repos or the sender. Every route here sits behind the signature check.
import { generateMessageIDV2 } from "@whiskeysockets/baileys";
import { Hono } from "hono";
import { ZodError, type z } from "zod";
import { PacingSettingsPatchSchema } from "../pacing/pacing-settings";
import {
  CreateSessionBody,
  PairingCodeBody,
  ReconnectBody,
  SendMessageBody,
  type SendAccepted,
  STOPPED_STATUSES,
} from "../protocol/api";
import { newJsessionId } from "../sessions/linkedin-voyager.http";
import { LINKEDIN_COOKIE, linkedinProfilePath } from "../sessions/linkedin-session";
import type { SessionRow } from "../store/sessions.repo";
import { toView } from "../store/sessions.repo";
import { forwardToOwner } from "./forward";
import type { HostDeps } from "./host-deps";
import { HostError, validationError } from "./errors";
import type { SignedVars } from "./signed";

function parse<S extends z.ZodType>(schema: S, raw: Uint8Array): z.output<S> {
  let json: unknown;
  try {
    json = raw.length === 0 ? {} : JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new HostError("VALIDATION_FAILED", "The body is not valid JSON.");
  }
  const result = schema.safeParse(json);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** LinkedIn addresses a person by their profile URL, kept in lead-identity's form `linkedin.com/in/<slug>`. */
function linkedinRecipient(to: string): string {
  const path = linkedinProfilePath(to);
  // LinkedIn's custom profile slugs are at most 100 characters (the outbound table holds 200).
  if (path && path.length > "linkedin.com/in/".length + 100)
    throw new HostError("VALIDATION_FAILED", "The request is not valid.", {
      fields: { to: "a LinkedIn profile slug has at most 100 characters" },
    });
  if (!path)
    throw new HostError("VALIDATION_FAILED", "The request is not valid.", {
      fields: { to: "must be a LinkedIn profile URL (linkedin.com/in/…)" },
    });
  return path;
}

/** A phone number becomes its WhatsApp address; a full address is taken as given. */
export function recipientJid(to: string): string {
  if (to.includes("@")) {
    if (!/^[0-9]{6,20}@(s\.whatsapp\.net|lid)$/.test(to))
      throw new HostError("VALIDATION_FAILED", "The request is not valid.", {
        fields: { to: "not a WhatsApp address" },
      });
    return to;
  }
  const digits = to.replace(/[\s()+.-]/g, "");
  if (!/^[0-9]{6,20}$/.test(digits))
    throw new HostError("VALIDATION_FAILED", "The request is not valid.", {
      fields: { to: "must be a phone number with country code" },
    });
  return `${digits}@s.whatsapp.net`;
}

export function sessionRoutes(deps: HostDeps) {
  const { repo, manager, outbound, auth, sender, pacing } = deps;

  /** The session, if it exists and (when the caller names one) belongs to that workspace. */
  async function load(id: string, workspaceId: string | undefined): Promise<SessionRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await repo.get(id) : undefined;
    if (!row || (workspaceId && row.workspace_id !== workspaceId))
      throw new HostError("RESOURCE_NOT_FOUND", "No such session.", { id });
    return row;
  }
  const ws = (c: { req: { query(name: string): string | undefined } }) => c.req.query("workspaceId");

  return new Hono<SignedVars>()
    .post("/sessions", async (c) => {
      const body = parse(CreateSessionBody, c.var.rawBody);
      const cookie = body.channel === "linkedin" ? body.cookie : undefined;
      // The cookie is sealed in the transaction that creates the row, so no host can claim the session without
      // it (and mark it logged out); never logged.
      const row = await repo.create(
        body,
        cookie
          ? (created, tx) =>
              auth.saveSecret(
                created.id,
                LINKEDIN_COOKIE,
                { liAt: cookie.liAt, jsessionId: cookie.jsessionId ?? newJsessionId() },
                tx,
              )
          : undefined,
      );
      void manager.tick();
      return c.json(toView(row), 201);
    })
    .get("/sessions", async (c) => {
      const workspaceId = ws(c);
      if (!workspaceId || !/^[0-9a-f-]{36}$/i.test(workspaceId))
        throw new HostError("VALIDATION_FAILED", "The request is not valid.", { fields: { workspaceId: "required" } });
      return c.json({ sessions: (await repo.listForWorkspace(workspaceId)).map(toView) });
    })
    .get("/sessions/:id", async (c) => c.json(toView(await load(c.req.param("id"), ws(c)))))
    .get("/sessions/:id/qr", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      if (row.status !== "qr" || !row.qr || !row.qr_at)
        throw new HostError("CONFLICT", "This session is not waiting for a QR scan.", { status: row.status });
      return c.json({ qr: row.qr, at: row.qr_at.toISOString() });
    })
    .post("/sessions/:id/pairing-code", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      const { phone } = parse(PairingCodeBody, c.var.rawBody);
      const forwarded = await forwardToOwner(deps, c, row.id);
      if (forwarded) return forwarded;
      if (row.channel !== "whatsapp")
        throw new HostError("CONFLICT", "Only WhatsApp sessions pair with a code.", { channel: row.channel });
      const runtime = manager.runtimes.get(row.id);
      if (!runtime?.requestPairingCode)
        throw new HostError("NOT_OWNER", "This session is not running right now; try again shortly.");
      if (row.status !== "qr") throw new HostError("CONFLICT", "This session is already paired or not ready to pair.");
      return c.json({ code: await runtime.requestPairingCode(phone) });
    })
    .post("/sessions/:id/pause", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      await pacing.pause(row, "manual");
      return c.json(toView((await repo.get(row.id))!));
    })
    .post("/sessions/:id/resume", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      await pacing.resume(row);
      sender.wake(row.id);
      return c.json(toView((await repo.get(row.id))!));
    })
    .post("/sessions/:id/reconnect", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      // LinkedIn: after a checkpoint or a log-out the rep brings a fresh cookie, sealed over the old one.
      const { cookie } = parse(ReconnectBody, c.var.rawBody);
      if (cookie && row.channel !== "linkedin")
        throw new HostError("VALIDATION_FAILED", "The request is not valid.", {
          fields: { cookie: "only LinkedIn sessions take a cookie" },
        });
      // A running session keeps the cookie it started with: sealing another under it would leave the two apart.
      if (cookie && !STOPPED_STATUSES.includes(row.status))
        throw new HostError(
          "CONFLICT",
          "This LinkedIn account is connected; a fresh cookie is taken after a security check or a log-out.",
          { status: row.status },
        );
      if (cookie)
        await auth.saveSecret(row.id, LINKEDIN_COOKIE, {
          liAt: cookie.liAt,
          jsessionId: cookie.jsessionId ?? newJsessionId(),
        });
      await repo.restart(row.id);
      void manager.tick();
      return c.json(toView((await repo.get(row.id))!));
    })
    .patch("/sessions/:id/pacing", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      // Only the keys sent are stored over the session's own: the rest keep following the channel's defaults.
      const patch = parse(PacingSettingsPatchSchema, c.var.rawBody);
      let settings: Record<string, unknown>;
      try {
        settings = pacing.overridesAfter(row, patch);
      } catch (error) {
        if (error instanceof ZodError) throw validationError(error);
        throw error;
      }
      await repo.setPacing(row.id, { settings });
      // New limits may let a waiting message go now (or hold one longer): plan again.
      sender.wake(row.id);
      return c.json(toView((await repo.get(row.id))!));
    })
    .delete("/sessions/:id", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      // The host running the socket logs the device out of WhatsApp; the stored login goes either way.
      const forwarded = await forwardToOwner(deps, c, row.id);
      if (forwarded) return forwarded;
      await manager.logout(row.id);
      await auth.wipe(row.id);
      await repo.delete(row.id);
      return c.body(null, 204);
    })
    .post("/sessions/:id/messages", async (c) => {
      const row = await load(c.req.param("id"), ws(c));
      const body = parse(SendMessageBody, c.var.rawBody);
      const linkedin = row.channel === "linkedin";
      if (STOPPED_STATUSES.includes(row.status))
        throw new HostError("CONFLICT", `This ${linkedin ? "LinkedIn" : "WhatsApp"} account is disconnected.`, {
          status: row.status,
        });
      if (linkedin && body.media)
        throw new HostError("VALIDATION_FAILED", "The request is not valid.", {
          fields: { media: "LinkedIn messages sent through the session carry text only" },
        });
      const { row: sent, duplicate } = await outbound.accept({
        sessionId: row.id,
        idempotencyKey: body.idempotencyKey,
        // LinkedIn names a message only once it has it: ours is fixed now, like WhatsApp's, for the Worker.
        waMessageId: linkedin
          ? `li-${crypto.randomUUID()}`
          : generateMessageIDV2(row.phone ? `${row.phone}@s.whatsapp.net` : undefined),
        recipient: linkedin ? linkedinRecipient(body.to) : recipientJid(body.to),
        content: body.text !== undefined ? { text: body.text } : { media: body.media! },
        recipientTimeZone: body.recipientTimeZone ?? null,
        reply: body.reply,
      });
      const accepted: SendAccepted = { providerMessageId: sent.wa_message_id, status: sent.status, duplicate };
      return c.json(accepted, duplicate ? 200 : 202);
    });
}
