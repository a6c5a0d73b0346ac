import { data, useNavigation, useSearchParams } from "react-router";
import { LeadFiltersQuery } from "../../workers/api/lead.schemas";
import { listLeadLists, listLeads } from "../../workers/services/lead-list.service";
import { listPipelines } from "../../workers/services/pipelines.service";
import { ColumnPicker, useVisibleColumns } from "../components/contacts/columns";
import { FILTER_KEYS, SORTS, contactsQuery } from "../components/contacts/contact-types";
import type { ContactFilters, SortBy, SortState } from "../components/contacts/contact-types";
import { ContactsFilters } from "../components/contacts/contacts-filters";
import { ContactsTable } from "../components/contacts/contacts-table";
import { SavedViews } from "../components/contacts/saved-views";
import { PageHeader } from "../components/page-header";
import { withActor } from "../lib/actor.server";
import type { Route } from "./+types/dashboard-contacts";

export const meta: Route.MetaFunction = () => [
  { title: "Contacts — Rarity Leads" },
  { name: "description", content: "Every lead in your workspace: search, filter, sort and act on many at once." },
];

const PAGE = 50;

/** The URL's filters that pass the API's own validation; a bad one is dropped, not an error page. */
function readFilters(params: URLSearchParams): ContactFilters {
  const filters: ContactFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && LeadFiltersQuery.shape[key].safeParse(value).success) filters[key] = value;
  }
  return filters;
}

function readSort(params: URLSearchParams): SortState {
  const sort = params.get("sort");
  return {
    sort: SORTS.includes(sort as SortBy) ? (sort as SortBy) : "created",
    dir: params.get("dir") === "asc" ? "asc" : "desc",
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const filters = readFilters(params);
  const sort = readSort(params);
  const parsed = LeadFiltersQuery.parse(filters);
  const { result, headers, actor } = await withActor(request, context, async (db, actor) => {
    const [page, pipelines, lists] = await Promise.all([
      listLeads(db, actor, parsed, PAGE, undefined, { by: sort.sort, dir: sort.dir }),
      listPipelines(db, actor),
      listLeadLists(db, actor),
    ]);
    return { page, pipelines: pipelines.map((p) => ({ id: p.id, name: p.name })), lists };
  });
  return data({ ...result, filters, sort, workspaceId: actor.workspaceId }, { headers });
}

export default function ContactsPage({ loaderData }: Route.ComponentProps) {
  const { page, pipelines, lists, filters, sort, workspaceId } = loaderData;
  const [params] = useSearchParams();
  const { columns, visible, toggle } = useVisibleColumns(workspaceId);
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/dashboard/contacts";
  const query = contactsQuery(filters, sort).toString();
  const sortHref = (by: SortBy) => {
    const next = new URLSearchParams(params);
    const dir =
      sort.sort === by ? (sort.dir === "asc" ? "desc" : "asc") : by === "name" || by === "company" ? "asc" : "desc";
    next.set("sort", by);
    next.set("dir", dir);
    return `?${next}`;
  };
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader
          title="Contacts"
          subtitle="Every lead in this workspace — generated, imported or added by hand. Open one to see everything about it."
        />
        <div className="flex items-center gap-2">
          <SavedViews current={query} workspaceId={workspaceId} />
          <ColumnPicker visible={visible} toggle={toggle} />
        </div>
      </div>
      <ContactsFilters key={`filters?${query}`} filters={filters} sort={sort} lists={lists} />
      <p role="status" className="sr-only">
        {loading ? "Loading leads…" : ""}
      </p>
      <div aria-busy={loading} className={loading ? "opacity-60 transition-opacity" : undefined}>
        <ContactsTable
          key={`table?${query}`}
          initial={page}
          query={query}
          columns={columns}
          sort={sort}
          sortHref={sortHref}
          pipelines={pipelines}
        />
      </div>
    </>
  );
}
