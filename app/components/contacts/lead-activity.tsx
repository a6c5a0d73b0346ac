import { Link } from "react-router";
import type { leadActivity } from "../../../workers/services/lead-list.service";
import { CHANNEL_LABELS } from "./handle-links";

type Activity = Awaited<ReturnType<typeof leadActivity>>;
const stamp = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const when = (iso: string) => stamp.format(new Date(iso));

function describe(e: Activity["boards"][number]["events"][number]): string {
  if (e.type === "created") return `Added to ${e.toStage}`;
  if (e.type === "moved") return `Moved ${e.fromStage} → ${e.toStage}`;
  if (e.type === "reordered") return `Reordered in ${e.toStage}`;
  return `Marked ${e.toStatus}`;
}

/** Where the lead stands on each board (with its stage history and notes). */
export function LeadBoards({ boards }: { boards: Activity["boards"] }) {
  return (
    <section aria-labelledby="boards-title" className="rounded-2xl border border-ink-800 p-4">
      <h2 id="boards-title" className="font-semibold">
        Pipelines
      </h2>
      {boards.length === 0 ? (
        <p className="mt-2 text-sm text-ink-400">
          On no board yet. Select the lead on{" "}
          <Link to="/dashboard/contacts" className="underline">
            Contacts
          </Link>{" "}
          and add it to a pipeline.
        </p>
      ) : (
        boards.map((b) => (
          <div key={b.id} className="mt-3 text-sm">
            <p>
              <Link to={`/dashboard/crm?pipeline=${b.pipelineId}`} className="font-medium hover:underline">
                {b.pipelineName}
              </Link>
              : <span className="text-ink-100">{b.stage}</span>
              {b.status !== "open" && <span className="text-ink-400"> ({b.status})</span>}
            </p>
            <ol aria-label={`Stage history on ${b.pipelineName}`} className="mt-1 border-l border-ink-700 pl-3">
              {b.events.map((e) => (
                <li key={e.id} className="text-ink-300">
                  {describe(e)} <span className="text-ink-500">· {when(e.createdAt)}</span>
                </li>
              ))}
            </ol>
            {b.notes.length > 0 && (
              <ul aria-label={`Notes on ${b.pipelineName}`} className="mt-2 space-y-1">
                {b.notes.map((n) => (
                  <li key={n.id} className="rounded-lg bg-ink-900 p-2">
                    <p className="whitespace-pre-wrap">{n.body}</p>
                    <p className="text-xs text-ink-500">{when(n.createdAt)}</p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))
      )}
    </section>
  );
}

/** The lead's threads, each opening in the inbox. */
export function LeadConversations({
  leadId,
  conversations,
}: {
  leadId: string;
  conversations: Activity["conversations"];
}) {
  return (
    <section aria-labelledby="conversations-title" className="rounded-2xl border border-ink-800 p-4">
      <div className="flex items-center justify-between">
        <h2 id="conversations-title" className="font-semibold">
          Conversations
        </h2>
        <Link to={`/dashboard/inbox?lead=${leadId}`} className="text-sm text-accent-400 hover:underline">
          Message
        </Link>
      </div>
      {conversations.length === 0 ? (
        <p className="mt-2 text-sm text-ink-400">No messages yet.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {conversations.map((c) => (
            <li key={c.id}>
              <Link to={`/dashboard/inbox?c=${c.id}`} className="block rounded-lg p-2 hover:bg-ink-900">
                <span className="font-medium">
                  {CHANNEL_LABELS[c.channel] ?? (c.channel === "sandbox" ? "Sandbox" : c.channel)}
                </span>
                {c.unreadCount > 0 && <span className="ml-2 text-xs text-accent-400">{c.unreadCount} unread</span>}
                <span className="block truncate text-ink-300">{c.lastMessagePreview ?? "No messages yet"}</span>
                {c.lastMessageAt && <span className="text-xs text-ink-500">{when(c.lastMessageAt)}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
