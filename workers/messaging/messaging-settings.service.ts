// A workspace's messaging settings: the fallback order, quiet hours in the lead's zone, and whether a first
// reply moves the lead's card to "In Conversation". Read by every member; changed by owners and admins.
import type { Db } from "../db/client";
import { asService, asUser } from "../db/tenant";
import { messagingSettingsOf, saveMessagingSettings } from "../repos/messaging-settings.repo";
import type { MessagingSettings } from "../repos/messaging-settings.repo";
import type { Actor } from "../services/actor";
import { auditedBy, recordAudit } from "../services/audit.service";

export function getMessagingSettings(db: Db, actor: Actor): Promise<MessagingSettings> {
  return asUser(db, actor.claims, (tx) => messagingSettingsOf(tx, actor.workspaceId));
}

export async function updateMessagingSettings(
  db: Db,
  actor: Actor,
  patch: Partial<MessagingSettings>,
): Promise<MessagingSettings> {
  const saved = await asUser(db, actor.claims, async (tx) => {
    const next = { ...(await messagingSettingsOf(tx, actor.workspaceId)), ...patch };
    await saveMessagingSettings(tx, actor.workspaceId, next);
    return next;
  });
  // Members cannot write the audit log themselves: it is recorded on the service path after the change.
  await asService(db, (tx) =>
    recordAudit(tx, { ...auditedBy(actor), event: "messaging.settings_changed", details: { ...patch } }),
  );
  return saved;
}
