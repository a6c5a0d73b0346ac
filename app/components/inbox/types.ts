// The inbox's client-side shapes: the JSON the API and the loaders return (workers/api/message.schemas.ts).
import type { InboxItemJson, getConversation } from "../../../workers/messaging/conversations.service";
import type { MessageJson } from "../../../workers/messaging/message-json";
import type { ComposerOptions } from "../../../workers/messaging/send.service";

export type InboxItem = InboxItemJson;
export type Message = MessageJson & { pending?: boolean; sendError?: string };
export type LeadPanel = Awaited<ReturnType<typeof getConversation>>["lead"];
export type Channel = MessageJson["channel"];

export type { ComposerOptions };

export interface InboxFilters {
  channel?: string;
  status?: string;
  unread?: boolean;
  mine?: boolean;
  q?: string;
}

/** The query string of the list API for the page's filters. */
export function filtersQuery(f: InboxFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.channel) q.set("channel", f.channel);
  if (f.status) q.set("status", f.status);
  if (f.unread) q.set("unread", "true");
  if (f.mine) q.set("assignee", "me");
  if (f.q) q.set("q", f.q);
  return q;
}
