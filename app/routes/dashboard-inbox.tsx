import { useEffect, useRef, useState } from "react";
import { data, useNavigate, useSearchParams } from "react-router";
import { AppError } from "../../workers/lib/app-error";
import * as inbox from "../../workers/messaging/conversations.service";
import { listMembers } from "../../workers/services/members.service";
import { CHANNEL_NAMES } from "../components/inbox/channel-badge";
import { FailedList } from "../components/inbox/failed-list";
import { InboxList } from "../components/inbox/inbox-list";
import { InboxTabs } from "../components/inbox/inbox-tabs";
import { LeadPanel } from "../components/inbox/lead-panel";
import { ThreadView } from "../components/inbox/thread-view";
import type { Channel, InboxFilters } from "../components/inbox/types";
import { filtersQuery } from "../components/inbox/types";
import { PageHeader } from "../components/page-header";
import { withActor } from "../lib/actor.server";
import { composerOptions } from "../lib/inbox-send.server";
import type { Route } from "./+types/dashboard-inbox";

export const meta: Route.MetaFunction = () => [
  { title: "Inbox — Rarity Leads" },
  { name: "description", content: "Every conversation with your leads, on every channel, in one place." },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidParam = (v: string | null) => (v && UUID.test(v) ? v : null);

function readFilters(params: URLSearchParams): InboxFilters {
  const channel = params.get("channel");
  const status = params.get("status");
  return {
    channel: channel && channel in CHANNEL_NAMES ? channel : undefined,
    status: status && ["open", "snoozed", "closed"].includes(status) ? status : undefined,
    unread: params.get("unread") === "1" || undefined,
    mine: params.get("mine") === "1" || undefined,
    q: params.get("q")?.trim().slice(0, 200) || undefined,
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const filters = readFilters(params);
  const view: "conversations" | "failed" = params.get("view") === "failed" ? "failed" : "conversations";
  const { result, headers, actor } = await withActor(request, context, async (db, actor) => {
    const query = {
      channel: filters.channel as Channel | undefined,
      status: filters.status as "open" | undefined,
      unread: filters.unread,
      assignee: filters.mine ? "me" : undefined,
      q: filters.q,
    };
    const [list, failed, failedCount, members] = await Promise.all([
      view === "conversations" ? inbox.listConversations(db, actor, query, 30) : null,
      view === "failed" ? inbox.listFailedMessages(db, actor, 30) : null,
      inbox.countFailed(db, actor),
      listMembers(db, actor),
    ]);
    const lists = { list, failed, failedCount, members };
    let conversationId = uuidParam(params.get("c"));
    let lead = null;
    const leadParam = uuidParam(params.get("lead"));
    try {
      if (leadParam) {
        const opened = await inbox.openLead(db, actor, leadParam);
        conversationId = opened.conversationId;
        lead = opened.lead;
      }
      const thread = conversationId ? await inbox.getConversation(db, actor, conversationId, 30) : null;
      lead = thread?.lead ?? lead;
      const composer = lead ? await composerOptions(db, actor, lead.id) : null;
      return { ...lists, thread, lead, composer, missing: false };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "RESOURCE_NOT_FOUND") throw err;
      return { ...lists, thread: null, lead: null, composer: null, missing: true };
    }
  });
  return data({ ...result, view, filters, workspaceId: actor.workspaceId }, { headers });
}

export default function InboxPage({ loaderData }: Route.ComponentProps) {
  const { list, failed, members, thread, lead, composer, missing, view, filters, workspaceId } = loaderData;
  const [params] = useSearchParams();
  const failures = useFailedCount(loaderData.failedCount);
  const navigate = useNavigate();
  const filterQuery = filtersQuery(filters);
  const hrefFor = (id: string) => {
    const q = new URLSearchParams(params);
    q.delete("lead");
    q.set("c", id);
    return `?${q}`;
  };
  const back = new URLSearchParams(params);
  back.delete("c");
  back.delete("lead");
  const backHref = `/dashboard/inbox${back.size ? `?${back}` : ""}`;
  const open = Boolean(lead);
  const viewHref = (v: "conversations" | "failed") => {
    const q = new URLSearchParams(params);
    if (v === "failed") q.set("view", "failed");
    else q.delete("view");
    return `/dashboard/inbox${q.size ? `?${q}` : ""}`;
  };

  return (
    <>
      <div className={open ? "hidden md:block" : undefined}>
        <PageHeader title="Inbox" subtitle="Every conversation with your leads, on every channel." />
      </div>
      {missing && (
        <p role="alert" className="mt-3 text-sm text-amber-200">
          That conversation or lead no longer exists.
        </p>
      )}
      <div className="mt-4 flex h-[calc(100dvh-11rem)] min-h-[28rem] overflow-hidden rounded-2xl border border-ink-800 bg-ink-950">
        <div className={`w-full flex-col border-ink-800 md:flex md:w-80 md:border-r ${open ? "hidden" : "flex"}`}>
          <InboxTabs
            view={view}
            hrefs={{ conversations: viewHref("conversations"), failed: viewHref("failed") }}
            failedCount={failures.count}
          />
          {failed ? (
            <FailedList
              workspaceId={workspaceId}
              initial={failed}
              selectedId={thread?.conversation.id ?? null}
              hrefFor={hrefFor}
              retriedIds={failures.retriedIds}
              onFailed={failures.failed}
              onRetried={failures.retried}
            />
          ) : list ? (
            <InboxList
              key={filterQuery.toString()}
              workspaceId={workspaceId}
              initial={list}
              filters={filters}
              selectedId={thread?.conversation.id ?? null}
              hrefFor={hrefFor}
              onFailed={failures.failed}
            />
          ) : null}
        </div>
        {lead ? (
          <>
            <ThreadView
              key={`${lead.id}.${thread?.conversation.id ?? "new"}`}
              workspaceId={workspaceId}
              lead={lead}
              conversation={thread?.conversation ?? null}
              initial={thread ? { messages: thread.messages, olderCursor: thread.olderCursor } : null}
              composer={composer}
              members={members}
              backHref={backHref}
              onMovedTo={(id) => navigate(hrefFor(id), { replace: true, preventScrollReset: true })}
              onRetried={failures.retried}
            />
            <div className="hidden w-72 overflow-y-auto border-l border-ink-800 lg:block">
              <LeadPanel key={lead.id} lead={lead} />
            </div>
          </>
        ) : (
          <div className="hidden flex-1 items-center justify-center p-6 text-center text-sm text-ink-400 md:flex">
            {failed
              ? "Open a failed message's thread to see it in context."
              : list && list.conversations.length > 0
                ? "Choose a conversation to read and reply."
                : "Conversations with your leads appear here."}
          </div>
        )}
      </div>
    </>
  );
}

/**
 * The Failed tab's badge and the failures retried on this page (from the list or a thread): the loader's count,
 * one up for each failure heard live (once per message), one down for each Retry; the next loader run starts
 * again from the database's figure.
 */
function useFailedCount(initial: number) {
  const [count, setCount] = useState(initial);
  const [retriedIds, setRetriedIds] = useState<ReadonlySet<string>>(new Set());
  const retriedRef = useRef(retriedIds);
  const counted = useRef(new Set<string>());
  useEffect(() => {
    setCount(initial);
    counted.current.clear();
  }, [initial]);
  return {
    count,
    retriedIds,
    failed: (id: string) => {
      if (counted.current.has(id)) return;
      counted.current.add(id);
      setCount((n) => n + 1);
    },
    retried: (id: string) => {
      if (retriedRef.current.has(id)) return;
      retriedRef.current = new Set(retriedRef.current).add(id);
      setRetriedIds(retriedRef.current);
      setCount((n) => Math.max(0, n - 1));
    },
  };
}
