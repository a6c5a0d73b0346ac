import { useEffect, useState } from "react";
import { inboxAction } from "./inbox-api";
import type { InboxItem } from "./types";

const select = "rounded-lg border border-ink-700 bg-ink-900 px-2 py-1 text-sm text-ink-100";

/** Status and assignee of the open conversation. */
export function ThreadHeader({
  conversation,
  members,
}: {
  conversation: InboxItem;
  members: { userId: string; email: string }[];
}) {
  const [status, setStatus] = useState(conversation.status);
  const [assignee, setAssignee] = useState(conversation.assigneeId ?? "");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setStatus(conversation.status);
    setAssignee(conversation.assigneeId ?? "");
  }, [conversation.status, conversation.assigneeId]);

  async function update(patch: { status?: string; assigneeId?: string | null }) {
    setError(null);
    const res = await inboxAction({ intent: "update", conversationId: conversation.id, ...patch });
    if (!res.ok) setError(res.error);
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor="thread-status">
        Conversation status
      </label>
      <select
        id="thread-status"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as InboxItem["status"]);
          void update({ status: e.target.value });
        }}
        className={select}
      >
        <option value="open">Open</option>
        <option value="snoozed">Snoozed</option>
        <option value="closed">Closed</option>
      </select>
      <label className="sr-only" htmlFor="thread-assignee">
        Assigned to
      </label>
      <select
        id="thread-assignee"
        value={assignee}
        onChange={(e) => {
          setAssignee(e.target.value);
          void update({ assigneeId: e.target.value || null });
        }}
        className={`${select} max-w-40`}
      >
        <option value="">Unassigned</option>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.email}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="w-full text-xs text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
