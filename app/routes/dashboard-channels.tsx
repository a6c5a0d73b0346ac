import { useCallback, useEffect, useState } from "react";
import { data } from "react-router";
import { listChannels } from "../../workers/messaging/channel-accounts.service";
import { AccountCard } from "../components/channels/account-card";
import { channelApi } from "../components/channels/channel-api";
import { ConnectLinkedin } from "../components/channels/connect-linkedin";
import { ConnectMeta } from "../components/channels/connect-meta";
import { ConnectResultBanner } from "../components/channels/connect-result-banner";
import { ConnectWhatsapp } from "../components/channels/connect-whatsapp";
import { ConnectX } from "../components/channels/connect-x";
import type { ChannelAccount } from "../components/channels/types";
import { isStarting } from "../components/channels/types";
import { useRoomEvents } from "../components/inbox/use-room-events";
import { EmptyState, PageHeader } from "../components/page-header";
import { withActor } from "../lib/actor.server";
import { cloudflareContext } from "../lib/cloudflare-context";
import type { Route } from "./+types/dashboard-channels";

export const meta: Route.MetaFunction = () => [
  { title: "Channels — Rarity Leads" },
  {
    name: "description",
    content: "Connect WhatsApp numbers, LinkedIn, Facebook Pages, Instagram and X accounts, and see how each is doing.",
  },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { env } = context.get(cloudflareContext);
  const { result, headers, actor } = await withActor(request, context, (db, actor) => listChannels(db, env, actor));
  const isAdmin = actor.workspaceRole === "owner" || actor.workspaceRole === "admin";
  return data({ channels: result, isAdmin, workspaceId: actor.workspaceId }, { headers });
}

/** While an account is starting, the list is also refreshed on a timer, in case a live update is missed. */
const PAIRING_REFRESH_MS = 5000;

export default function ChannelsPage({ loaderData }: Route.ComponentProps) {
  const { isAdmin, workspaceId } = loaderData;
  const [accounts, setAccounts] = useState<ChannelAccount[]>(loaderData.channels);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const refresh = useCallback(async () => {
    setLoading(true);
    const res = await channelApi<{ channels: ChannelAccount[] }>("GET", "");
    setLoading(false);
    if (!res.ok) return setError(`Could not refresh the channels: ${res.error}`);
    setError(null);
    setAccounts(res.data.channels);
  }, []);

  const refused = useRoomEvents<{ type: string }>("live-room", `${workspaceId}.channels`, () => void refresh());
  const pairing = accounts.some(isStarting);
  useEffect(() => {
    if (!pairing) return;
    const timer = setInterval(() => void refresh(), PAIRING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pairing, refresh]);

  const upsert = (a: ChannelAccount) =>
    setAccounts((list) => (list.some((x) => x.id === a.id) ? list.map((x) => (x.id === a.id ? a : x)) : [...list, a]));
  const remove = (id: string) => setAccounts((list) => list.filter((x) => x.id !== id));
  const hostAccounts = accounts.filter((a) => a.provider === "session-host");

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageHeader title="Channels" subtitle="The numbers and accounts your team sends from." />
        {isAdmin && (
          <div className="flex flex-wrap items-start gap-2">
            <ConnectMeta />
            <ConnectX />
            <ConnectLinkedin onCreated={upsert} />
            <ConnectWhatsapp onCreated={upsert} />
          </div>
        )}
      </div>
      <ConnectResultBanner />
      {(error || refused) && (
        <p
          role="alert"
          className="mt-4 rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200"
        >
          {error ?? refused}{" "}
          {error && (
            <button type="button" onClick={() => void refresh()} className="underline underline-offset-2">
              Try again
            </button>
          )}
        </p>
      )}
      <p aria-live="polite" className="sr-only">
        {loading ? "Refreshing channels" : ""}
      </p>
      {hostAccounts.length === 0 && (
        <EmptyState
          title="No WhatsApp number or LinkedIn account connected yet"
          body={
            isAdmin
              ? "Connect WhatsApp and link the phone by scanning a QR code (or with a pairing code), or connect LinkedIn with your own session. Messages then go out paced, account by account, to keep it safe."
              : "An owner or admin of this workspace can connect a WhatsApp number or a LinkedIn account here."
          }
        />
      )}
      {accounts.length > 0 && (
        <ul className="mt-6 space-y-4">
          {accounts.map((a) => (
            <AccountCard key={a.id} account={a} isAdmin={isAdmin} onChanged={upsert} onRemoved={remove} />
          ))}
        </ul>
      )}
    </>
  );
}
