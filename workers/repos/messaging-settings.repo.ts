import { eq, sql } from "drizzle-orm";
import { messagingSettings } from "../db/schema";
import type { Queryable } from "../db/tenant";

export interface MessagingSettings {
  fallbackOrder: string[];
  quietStart: number;
  quietEnd: number;
  moveOnReply: boolean;
}

export const DEFAULT_MESSAGING_SETTINGS: MessagingSettings = {
  fallbackOrder: ["whatsapp", "linkedin", "instagram", "facebook", "x"],
  quietStart: 20,
  quietEnd: 8,
  moveOnReply: true,
};

/** The workspace's messaging settings, or the defaults when it never changed them. */
export async function messagingSettingsOf(db: Queryable, workspaceId: string): Promise<MessagingSettings> {
  const rows = await db
    .select({
      fallbackOrder: messagingSettings.fallbackOrder,
      quietStart: messagingSettings.quietStart,
      quietEnd: messagingSettings.quietEnd,
      moveOnReply: messagingSettings.moveOnReply,
    })
    .from(messagingSettings)
    .where(eq(messagingSettings.workspaceId, workspaceId));
  return rows[0] ?? DEFAULT_MESSAGING_SETTINGS;
}

/** Writes the workspace's settings (the whole set: the service merges a patch onto the current values). */
export async function saveMessagingSettings(db: Queryable, workspaceId: string, s: MessagingSettings): Promise<void> {
  await db
    .insert(messagingSettings)
    .values({ workspaceId, ...s })
    .onConflictDoUpdate({ target: messagingSettings.workspaceId, set: { ...s, updatedAt: sql`now()` } });
}
