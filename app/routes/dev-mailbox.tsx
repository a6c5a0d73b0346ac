// The dev mailbox: where e-mails go when SMTP_URL is not set (embedded default), so recovery, magic links
// and invitations work on a bare machine. Decision 013 says who may read what.
import { Link, data } from "react-router";
import { authConfig } from "../../workers/auth/auth-config";
import { clientIpSource } from "../../workers/lib/client-ip";
import { devMailbox, mailTransport } from "../../workers/mail/mail.service";
import { Brand } from "../components/app-shell";
import { cloudflareContext } from "../lib/cloudflare-context";
import { withDb } from "../lib/db.server";
import { cookieHeaders, getSessionUser } from "../lib/session.server";
import type { Route } from "./+types/dev-mailbox";

export const meta: Route.MetaFunction = () => [
  { title: "Dev mailbox — Rarity Leads" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { env } = context.get(cloudflareContext);
  if (mailTransport(env) !== "outbox") throw data(null, { status: 404 });
  const { user, session } = await getSessionUser(request, context);
  const headers = cookieHeaders(session.setCookies);
  // Signed in: your own address's mail. Signed out: every message, but only on a local server (loopback,
  // embedded auth) — the recovery and magic-link flows start signed out.
  const localOnly = clientIpSource(env) === "socket" && authConfig(env).mode === "embedded";
  if (!user && !localOnly) throw data(null, { status: 404, headers });
  const to = user ? user.email : null;
  const messages = await withDb(context, (db) => devMailbox(db, env, to));
  const list = messages.map((m) => ({
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    text: m.bodyText,
    kind: m.kind,
    at: m.createdAt.toISOString(),
  }));
  return data({ scope: to ?? "every address (local server)", messages: list }, { headers });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const URL_PATTERN = /(https?:\/\/[^\s]+)/g;

function MailBody({ text }: { text: string }) {
  return (
    <pre className="mt-3 font-sans text-sm whitespace-pre-wrap text-ink-100">
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
          <a key={i} href={part} className="break-all text-accent-400 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

export default function DevMailbox({ loaderData }: Route.ComponentProps) {
  const { scope, messages } = loaderData;
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-2xl flex-col gap-6 px-6 py-10">
      <Brand />
      <div>
        <h1 className="text-2xl font-semibold">Dev mailbox</h1>
        <p className="mt-1 text-sm text-ink-300">
          No SMTP server is configured (SMTP_URL), so e-mails are kept here instead of being sent. Showing mail for{" "}
          {scope}.
        </p>
      </div>
      {messages.length === 0 ? (
        <p className="text-ink-300">No messages yet.</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded-xl border border-ink-700 bg-ink-900 p-4">
              <h2 className="font-medium text-ink-100">{m.subject}</h2>
              <p className="text-xs text-ink-300">
                To {m.to} · {m.kind} · <time dateTime={m.at}>{new Date(m.at).toUTCString()}</time>
              </p>
              <MailBody text={m.text} />
            </li>
          ))}
        </ul>
      )}
      <Link to="/login" className="text-sm text-accent-400 underline-offset-4 hover:underline">
        Back to sign-in
      </Link>
    </main>
  );
}
