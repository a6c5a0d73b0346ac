import { Link, data } from "react-router";
import { AppError } from "../../workers/lib/app-error";
import { leadActivity } from "../../workers/services/lead-list.service";
import { HandlesEditor } from "../components/contacts/handles-editor";
import { LeadBoards, LeadConversations } from "../components/contacts/lead-activity";
import { withActor } from "../lib/actor.server";
import type { Route } from "./+types/dashboard-contact";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.activity?.lead.fullName ?? "Lead"} — Rarity Leads` },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { result, headers } = await withActor(request, context, async (db, actor) => {
    if (!UUID.test(params.id)) return null;
    return leadActivity(db, actor, params.id).catch((err: unknown) => {
      if (err instanceof AppError && err.code === "RESOURCE_NOT_FOUND") return null;
      throw err;
    });
  });
  return data({ activity: result }, { headers, status: result ? 200 : 404 });
}

const FIELDS: [string, (l: Lead) => React.ReactNode][] = [
  ["Company", (l) => l.companyName],
  ["Website", (l) => l.companyDomain],
  ["Title", (l) => l.jobTitle],
  ["Seniority", (l) => l.seniority],
  ["Industry", (l) => l.industry],
  ["Employees", (l) => l.companySize?.toLocaleString()],
  ["Revenue", (l) => l.annualRevenue?.toLocaleString()],
  ["Location", (l) => [l.location.city, l.location.region, l.location.country].filter(Boolean).join(", ")],
  ["Time zone", (l) => l.timezone],
  ["E-mail", (l) => l.email],
  ["Phone", (l) => l.phone],
  ["LinkedIn", (l) => l.linkedinUrl],
  [
    "Best channel",
    (l) => (l.mainChannel ? `${l.mainChannel}${l.mainChannelReason ? ` — ${l.mainChannelReason}` : ""}` : null),
  ],
  ["Added", (l) => new Date(l.createdAt).toLocaleString()],
  ["Enriched", (l) => (l.enrichedAt ? new Date(l.enrichedAt).toLocaleString() : null)],
];
type Lead = NonNullable<Route.ComponentProps["loaderData"]["activity"]>["lead"];

export default function ContactPage({ loaderData }: Route.ComponentProps) {
  const activity = loaderData.activity;
  if (!activity)
    return (
      <div className="py-10 text-center">
        <h1 className="text-xl font-semibold">No such lead</h1>
        <p className="mt-2 text-ink-300">
          It may have been deleted, or it belongs to another workspace.{" "}
          <Link to="/dashboard/contacts" className="underline">
            Back to contacts
          </Link>
        </p>
      </div>
    );
  const { lead, boards, conversations } = activity;
  const provenance = Object.entries(lead.provenance);
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-ink-400">
        <Link to="/dashboard/contacts" className="hover:text-ink-100">
          Contacts
        </Link>{" "}
        / <span aria-current="page">{lead.fullName}</span>
      </nav>
      <header className="mt-2">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{lead.fullName}</h1>
        <p className="mt-1 text-ink-300">{[lead.jobTitle, lead.companyName].filter(Boolean).join(" · ") || "—"}</p>
        {lead.tags.length > 0 && (
          <ul aria-label="Tags" className="mt-2 flex flex-wrap gap-1.5">
            {lead.tags.map((t) => (
              <li key={t} className="rounded-full bg-ink-800 px-2 py-0.5 text-xs text-ink-300">
                {t}
              </li>
            ))}
          </ul>
        )}
      </header>
      <div className="mt-6 grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex min-w-0 flex-col gap-4">
          <section aria-labelledby="details-title" className="rounded-2xl border border-ink-800 p-4">
            <h2 id="details-title" className="font-semibold">
              Details
            </h2>
            <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
              {FIELDS.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-ink-400">{label}</dt>
                  <dd className="min-w-0 break-words text-ink-100">
                    {value(lead) || <span className="text-ink-500">—</span>}
                  </dd>
                </div>
              ))}
            </dl>
            {lead.notes && <p className="mt-3 whitespace-pre-wrap text-sm text-ink-200">{lead.notes}</p>}
          </section>
          <HandlesEditor
            leadId={lead.id}
            initial={lead.contactChannels.map(({ channel, handle }) => ({ channel, handle }))}
          />
          <LeadBoards boards={boards} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <section aria-labelledby="score-title" className="rounded-2xl border border-ink-800 p-4">
            <h2 id="score-title" className="font-semibold">
              Score: {lead.score ?? "not scored"}
            </h2>
            {lead.scoreReasons.length > 0 && (
              <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-ink-300">
                {lead.scoreReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
            {Object.keys(lead.scoreBreakdown).length > 0 && (
              <dl className="mt-2 grid grid-cols-2 gap-x-2 text-xs text-ink-400">
                {Object.entries(lead.scoreBreakdown).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt>{k}</dt>
                    <dd className="text-right text-ink-200">{v}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          <section aria-labelledby="sources-title" className="rounded-2xl border border-ink-800 p-4">
            <h2 id="sources-title" className="font-semibold">
              Sources
            </h2>
            <p className="mt-1 text-sm text-ink-300">{lead.sources.join(", ") || "—"}</p>
            {provenance.length > 0 && (
              <dl className="mt-2 grid grid-cols-2 gap-x-2 text-xs">
                {provenance.map(([field, sources]) => (
                  <div key={field} className="contents">
                    <dt className="text-ink-400">{field}</dt>
                    <dd className="text-ink-200">{sources.join(", ")}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          <LeadConversations leadId={lead.id} conversations={conversations} />
        </div>
      </div>
    </>
  );
}
