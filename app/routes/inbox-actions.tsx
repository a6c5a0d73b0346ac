// The inbox's writes, as a resource route the page calls with fetch (several sends may be in flight at
// once, each awaited for its own answer). Every intent calls the same service the API does.
import { data, redirect } from "react-router";
import { z } from "zod";
import { PIPELINE_STAGES } from "../../workers/db/schema";
import { AppError } from "../../workers/lib/app-error";
import { markRead, updateConversation } from "../../workers/messaging/conversations.service";
import { updateCard } from "../../workers/services/cards.service";
import { CHANNEL_NAMES } from "../components/inbox/channel-badge";
import { withActor } from "../lib/actor.server";
import { retryMessage, sendMessage } from "../lib/inbox-send.server";
import type { Route } from "./+types/inbox-actions";

const Channel = z.enum(Object.keys(CHANNEL_NAMES) as [keyof typeof CHANNEL_NAMES, ...(keyof typeof CHANNEL_NAMES)[]]);

const Intent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("send"),
    leadId: z.uuid(),
    conversationId: z.uuid().optional(),
    channel: Channel.optional(),
    body: z.string().trim().min(1, "Write a message first.").max(10_000),
    idempotencyKey: z.string().min(1).max(200),
    sendNow: z.boolean().optional(),
  }),
  z.object({ intent: z.literal("retry"), messageId: z.uuid() }),
  z.object({ intent: z.literal("read"), conversationId: z.uuid() }),
  z.object({
    intent: z.literal("update"),
    conversationId: z.uuid(),
    status: z.enum(["open", "snoozed", "closed"]).optional(),
    assigneeId: z.uuid().nullable().optional(),
  }),
  z.object({ intent: z.literal("stage"), cardId: z.uuid(), stage: z.enum(PIPELINE_STAGES) }),
]);

/** Only the page posts here; someone opening the address gets the inbox. */
export function loader() {
  return redirect("/dashboard/inbox");
}

export async function action({ request, context }: Route.ActionArgs) {
  // JSON only: a cross-site form cannot send it without a preflight, whatever the cookie policy.
  if (!request.headers.get("content-type")?.startsWith("application/json"))
    return data({ error: "Send JSON." }, { status: 415 });
  const parsed = Intent.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message }, { status: 422 });
  const input = parsed.data;
  try {
    const { result, headers } = await withActor(request, context, async (db, actor) => {
      switch (input.intent) {
        case "send": {
          const { intent: _, ...send } = input;
          return { message: (await sendMessage(db, actor, send)).message };
        }
        case "retry":
          return { message: await retryMessage(db, actor, input.messageId) };
        case "read":
          return { conversation: await markRead(db, actor, input.conversationId) };
        case "update": {
          const { intent: _, conversationId, ...patch } = input;
          return { conversation: await updateConversation(db, actor, conversationId, patch) };
        }
        case "stage":
          return { card: await updateCard(db, actor, input.cardId, { stage: input.stage }) };
      }
    });
    return data(result, { headers });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return data({ error: err.message }, { status: err.status });
    if (err instanceof AppError && err.code === "SERVICE_UNAVAILABLE")
      return data({ error: err.message }, { status: 503 });
    throw err;
  }
}
