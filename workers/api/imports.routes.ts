import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { openDb } from "../db/client";
import { MappingSchema } from "../imports/import-mapping";
import type { Mapping } from "../imports/import-mapping";
import { previewImport } from "../imports/import-preview";
import { getImport, importErrorsCsv, startImport } from "../imports/import.service";
import { listImports } from "../imports/import-list.service";
import { escapeCell, exportLeadsCsv } from "../imports/lead-export.service";
import { AppError } from "../lib/app-error";
import { UNSTORABLE_MESSAGE, isStorableText } from "../lib/validation";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { json, pageQuery } from "./openapi";
import { LeadFiltersQuery } from "./leads.routes";
import Papa from "papaparse";

// Documented as text/csv only: declaring multipart here would make the router validate (and read) every body.
// A multipart/form-data upload with fields `file`, `mapping?` and `listName?` is accepted as well.
const csvBody = {
  body: {
    required: true,
    description: "The CSV (or multipart/form-data with a `file` field)",
    content: { "text/csv": { schema: z.string() } },
  },
};

const ImportQuery = z.object({
  listName: z.string().trim().min(1).max(120).optional(),
  fileName: z.string().trim().min(1).max(200).optional(),
  mapping: z
    .string()
    .max(20_000)
    .optional()
    .openapi({ description: 'JSON: CSV header → lead field, e.g. {"Company":"companyName"}' }),
});

const ImportSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(["queued", "running", "completed", "failed"]),
    listName: z.string(),
    listId: z.uuid().nullable(),
    fileName: z.string().nullable(),
    source: z.string(),
    encoding: z.string(),
    delimiter: z.string(),
    totalRows: z.number(),
    imported: z.number(),
    merged: z.number(),
    failed: z.number(),
    errors: z.array(z.object({ row: z.number(), column: z.string().optional(), message: z.string() })),
    mapping: z.record(z.string(), z.string()),
    progress: z.number(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("Import");

function parseMapping(text: string | undefined): Mapping | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The mapping is not valid JSON.", {
      location: "query",
      fields: { mapping: ["Send a JSON object: CSV header → lead field."] },
    });
  }
  const parsed = MappingSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", "The mapping is not valid.", {
      location: "query",
      fields: { mapping: parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`) },
    });
  return parsed.data;
}

/** The CSV itself: a raw text/csv body (streamed), or a multipart form's `file` field. */
async function fileFrom(req: Request, query: z.infer<typeof ImportQuery>) {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData().catch(() => {
      throw new AppError("BAD_REQUEST", "The multipart body could not be read.");
    });
    const file = form.get("file");
    if (!file || typeof file === "string")
      throw new AppError("VALIDATION_FAILED", "Attach the CSV as the `file` field.", {
        location: "body",
        fields: { file: ["Required"] },
      });
    const str = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : undefined);
    // Form fields bypass the JSON/query guard: the same check, here.
    const fields = {
      fileName: query.fileName ?? file.name,
      mapping: str("mapping") ?? query.mapping,
      listName: str("listName") ?? query.listName,
    };
    const bad = Object.entries(fields)
      .filter(([, v]) => v !== undefined && !isStorableText(v))
      .map(([k]) => k);
    if (bad.length)
      throw new AppError("VALIDATION_FAILED", "The form is not valid.", {
        location: "body",
        fields: Object.fromEntries(bad.map((k) => [k, [UNSTORABLE_MESSAGE]])),
      });
    return { body: file.stream(), ...fields };
  }
  if (!/^(text\/csv|text\/plain|application\/csv|application\/octet-stream|text\/tab-separated-values)\b/i.test(type)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the file as text/csv or as multipart/form-data with a `file` field.",
      { contentType: type || null },
    );
  }
  return { body: req.body, fileName: query.fileName, mapping: query.mapping, listName: query.listName };
}

const create = createRoute({
  ...access("write"),
  method: "post",
  path: "/imports",
  tags: ["imports"],
  summary: "Import a CSV of leads (processed in the background, in batches)",
  request: { query: ImportQuery, ...csvBody },
  responses: { 202: json(z.object({ import: ImportSchema }), "Accepted; poll GET /api/imports/{id}") },
});
const preview = createRoute({
  ...access("write"),
  method: "post",
  path: "/imports/preview",
  tags: ["imports"],
  summary: "Delimiter, encoding, headers, proposed mapping and the first 20 rows normalised; nothing stored",
  request: { query: ImportQuery.pick({ mapping: true }), ...csvBody },
  responses: {
    200: json(
      z.object({
        encoding: z.string(),
        delimiter: z.string(),
        headers: z.array(z.string()),
        mapping: z.record(z.string(), z.string()),
        proposedMapping: z.record(z.string(), z.string()),
        hasName: z.boolean(),
        rows: z.array(z.unknown()),
      }),
      "The preview",
    ),
  },
});
const get = createRoute({
  ...access("read"),
  method: "get",
  path: "/imports/{id}",
  tags: ["imports"],
  summary: "An import's progress, counts and row errors",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: json(z.object({ import: ImportSchema }), "The import") },
});
const list = createRoute({
  ...access("read"),
  method: "get",
  path: "/imports",
  tags: ["imports"],
  summary: "The workspace's imports, newest first (without row errors)",
  request: {
    query: z.object(pageQuery(100, 20)),
  },
  responses: {
    200: json(
      z.object({
        imports: z.array(ImportSchema.omit({ errors: true }).openapi("ImportSummary")),
        nextCursor: z.string().nullable(),
      }),
      "A page of imports",
    ),
  },
});
const errorsCsv = createRoute({
  ...access("read"),
  method: "get",
  path: "/imports/{id}/errors.csv",
  tags: ["imports"],
  summary: "The rows that failed, with the reason",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
});
const exportCsv = createRoute({
  ...access("read"),
  method: "get",
  path: "/leads/export.csv",
  tags: ["imports"],
  summary: "The workspace's leads as CSV (streamed; same filters as GET /api/leads)",
  request: { query: LeadFiltersQuery },
  responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
});

export const importRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(preview, async (c) => {
    const file = await fileFrom(c.req.raw, c.req.valid("query"));
    return c.json(await previewImport(file.body, parseMapping(file.mapping)), 200);
  })
  .openapi(create, async (c) => {
    const file = await fileFrom(c.req.raw, c.req.valid("query"));
    const started = await startImport(c.var.database.get().db, c.env, c.var.principal, file.body, {
      listName: file.listName,
      fileName: file.fileName,
      mapping: parseMapping(file.mapping),
    });
    return c.json({ import: started }, 202);
  })
  .openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await listImports(c.var.database.get().db, c.var.principal, limit, cursor), 200);
  })
  .openapi(get, async (c) =>
    c.json({ import: await getImport(c.var.database.get().db, c.var.principal, c.req.valid("param").id) }, 200),
  )
  .openapi(errorsCsv, async (c) => {
    const { record, errors } = await importErrorsCsv(c.var.database.get().db, c.var.principal, c.req.valid("param").id);
    const csv = Papa.unparse([
      ["Row", "Column", "Reason", "Original row"],
      ...errors.map((e) => [e.row, e.column ?? "", e.message, e.raw ?? ""].map(escapeCell)),
    ]);
    return c.body(`\uFEFF${csv}\r\n`, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="import-errors-${record.id.slice(0, 8)}.csv"`,
    });
  })
  .openapi(exportCsv, async (c) => {
    const { limit: _limit, cursor: _cursor, ...filters } = c.req.valid("query") as Record<string, unknown>;
    // The stream outlives this handler, so it holds its own connection and closes it when done.
    const own = openDb(c.env.HYPERDRIVE.connectionString);
    const { readable, done } = exportLeadsCsv(own.db, c.var.principal, filters);
    c.executionCtx.waitUntil(done.finally(() => own.close().catch(() => {})));
    const day = new Date().toISOString().slice(0, 10);
    return c.body(readable, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="leads-${day}.csv"`,
      "cache-control": "no-store",
    });
  });
