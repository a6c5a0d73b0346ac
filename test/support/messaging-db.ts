// Direct reads and seeds for messaging tests: what Postgres holds after background work, and outbound
// messages as the send path would have left them (the send path has its own tests).
import { env } from "cloudflare:test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { openDb } from "../../workers/db/client";
import { messages, webhookEvents } from "../../workers/db/schema";
import { upsertConversation } from "../../workers/repos/conversations.repo";
import { insertMessage, messageColumns } from "../../workers/repos/messages.repo";
import { eventually } from "./eventually";

let shared: ReturnType<typeof openDb> | undefined;
/** One small pool for the whole test file (polling must not open a connection per probe). */
export const testDb = () => {
  shared ??= openDb(env.HYPERDRIVE.connectionString);
  return shared.db;
};

/** Waits until the inbound consumer has processed every one of these provider events. */
export function processed(eventIds: string[], provider = "sandbox", timeoutMs = 15_000) {
  return eventually(
    `events ${eventIds.join(", ")} processed`,
    async () => {
      const rows = await testDb()
        .select({ eventId: webhookEvents.eventId })
        .from(webhookEvents)
        .where(
          and(
            eq(webhookEvents.provider, provider),
            inArray(webhookEvents.eventId, eventIds),
            sql`${webhookEvents.processedAt} is not null`,
          ),
        );
      return rows.length === eventIds.length;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

export function ledgerRows(eventIds: string[], provider = "sandbox") {
  return testDb()
    .select({ eventId: webhookEvents.eventId })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, provider), inArray(webhookEvents.eventId, eventIds)));
}

export function messagesByProviderId(workspaceId: string, providerMessageId: string) {
  return testDb()
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.providerMessageId, providerMessageId)));
}

export function messagesOfLead(workspaceId: string, leadId: string) {
  return testDb()
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.leadId, leadId)))
    .orderBy(messages.createdAt);
}

/** An outbound message the provider has accepted (status `sent`, its provider id known). */
export async function seedSentMessage(
  account: { id: string; workspaceId: string },
  leadId: string,
  providerMessageId: string,
) {
  const db = testDb();
  const conversation = await upsertConversation(db, {
    workspaceId: account.workspaceId,
    leadId,
    channel: "sandbox",
    accountId: account.id,
  });
  return (await insertMessage(db, {
    workspaceId: account.workspaceId,
    conversationId: conversation.id,
    leadId,
    channel: "sandbox",
    accountId: account.id,
    direction: "outbound",
    body: "Hi there",
    status: "sent",
    origin: "manual",
    providerMessageId,
    sentAt: new Date(),
    queuedAt: new Date(),
  }))!;
}
