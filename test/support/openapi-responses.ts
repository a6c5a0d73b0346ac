// Every /api response a test receives through `call()` is checked against the OpenAPI document: the status is
// declared for the operation, the content type is one it declares, the JSON body validates against the declared
// schema (JSON Schema 2020-12), and required headers are present. Errors included — a generated client relies on
// exactly these promises.
import { Validator } from "@cfworker/json-schema";
import type { OutputUnit } from "@cfworker/json-schema";
import { createApi } from "../../workers/api/app";
import { buildOpenApiDocument } from "../../workers/api/openapi-document";

type Json = Record<string, any>;
interface Operation {
  template: string;
  responses: Record<string, Json>;
}

let cached: { doc: Json; matchers: { template: string; pattern: RegExp; params: number }[] } | undefined;

/** The document the Worker serves, with `#/components/schemas/X` refs rewritten to `#/$defs/X` for the validator. */
export function apiDocument(): Json {
  return loaded().doc;
}

function loaded() {
  if (cached) return cached;
  const doc = JSON.parse(
    JSON.stringify(buildOpenApiDocument(createApi())).replaceAll('"#/components/schemas/', '"#/$defs/'),
  ) as Json;
  mergeAllOf(doc, doc.components.schemas);
  closeObjects(doc.paths);
  closeObjects(doc.components.schemas);
  const matchers = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
    params: (template.match(/\{/g) ?? []).length,
  }));
  cached = { doc, matchers };
  return cached;
}

/** The operation the router serves `method path` with (literal segments win over parameters, as in the router). */
export function findOperation(method: string, path: string): Operation | undefined {
  const { doc, matchers } = loaded();
  const verb = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
  const match = matchers
    .filter((m) => m.pattern.test(path) && doc.paths[m.template][verb])
    .sort((a, b) => a.params - b.params)[0];
  return match && { template: match.template, responses: doc.paths[match.template][verb].responses };
}

const validators = new WeakMap<object, Validator>();
function validatorFor(schema: Json): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(
      { ...schema, $defs: { ...loaded().doc.components.schemas, ...schema.$defs } },
      "2020-12",
      false,
    );
    validators.set(schema, validator);
  }
  return validator;
}

/** `allOf: [$ref Lead, {rank}]` (zod's `.extend`) as one object schema, so it can be checked as closed. */
function mergeAllOf(node: unknown, defs: Record<string, Json>): void {
  if (Array.isArray(node)) {
    for (const n of node) mergeAllOf(n, defs);
    return;
  }
  if (!node || typeof node !== "object") return;
  const schema = node as Json;
  for (const value of Object.values(schema)) mergeAllOf(value, defs);
  if (!Array.isArray(schema.allOf)) return;
  const parts = (schema.allOf as Json[]).map((p) => (p.$ref ? defs[String(p.$ref).replace("#/$defs/", "")] : p));
  if (!parts.every((p) => p?.type === "object" && p.properties)) return;
  delete schema.allOf;
  Object.assign(schema, {
    type: "object",
    properties: Object.assign({}, ...parts.map((p) => p!.properties)),
    required: [...new Set(parts.flatMap((p) => p!.required ?? []))],
  });
}

/**
 * Object schemas that list their properties are checked as closed here (the document leaves them open): a
 * field the server sends but the document does not name is a field no generated client knows about.
 */
function closeObjects(node: unknown, insideComposition = false): void {
  if (Array.isArray(node)) {
    for (const n of node) closeObjects(n, insideComposition);
    return;
  }
  if (!node || typeof node !== "object") return;
  const schema = node as Json;
  if (schema.type === "object" && schema.properties && schema.additionalProperties === undefined && !insideComposition)
    schema.additionalProperties = false;
  for (const [key, value] of Object.entries(schema)) closeObjects(value, key === "allOf");
}

function resolveRef<T extends Json>(value: T): T {
  const target = value?.$ref as string | undefined;
  if (!target) return value;
  return target
    .split("/")
    .slice(1)
    .reduce((node: any, key) => node[key], loaded().doc) as T;
}

/** Problems with one response, empty when it keeps the document's promises. */
export function responseProblems(
  method: string,
  path: string,
  status: number,
  headers: Headers,
  text: string,
): string[] {
  if (method.toUpperCase() === "OPTIONS") return []; // CORS preflight: answered by middleware, not an operation
  const operation = findOperation(method, path);
  const errorEnvelope: Json = { content: { "application/json": { schema: { $ref: "#/$defs/ErrorEnvelope" } } } };
  // No operation for this method: the middleware in front of every route (limits, authentication, body
  // checks) or the router (404/405) answers, always with an error in the envelope.
  const declared = operation
    ? (operation.responses[String(status)] ?? operation.responses.default)
    : status >= 400
      ? errorEnvelope
      : undefined;
  const where = operation
    ? `${method.toUpperCase()} ${operation.template}`
    : `${method.toUpperCase()} ${path} (no operation)`;
  if (!declared)
    return [
      `${where}: status ${status} is not declared (declared: ${Object.keys(operation?.responses ?? {}).join(", ")})`,
    ];
  const problems: string[] = [];
  for (const [name, header] of Object.entries((declared.headers ?? {}) as Record<string, Json>)) {
    if (resolveRef(header).required && !headers.has(name))
      problems.push(`${where} ${status}: header ${name} is missing`);
  }
  const content = (declared.content ?? {}) as Record<string, Json>;
  const types = Object.keys(content);
  const bodyless = method.toUpperCase() === "HEAD" || status === 204 || status === 304;
  if (types.length === 0 || bodyless) {
    if (text && !bodyless) problems.push(`${where} ${status}: declares no body but got ${text.length} bytes`);
    return problems;
  }
  const mediaType = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!content[mediaType])
    return [
      ...problems,
      `${where} ${status}: content type "${mediaType}" is not declared (declared: ${types.join(", ")})`,
    ];
  if (!/\bjson$/.test(mediaType)) return problems;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `${where} ${status}: body is not JSON`];
  }
  const result = validatorFor(content[mediaType].schema ?? {}).validate(body);
  if (!result.valid)
    problems.push(
      `${where} ${status}: body does not match the schema:\n${describe(result.errors)}\nbody: ${text.slice(0, 500)}`,
    );
  return problems;
}

function describe(errors: OutputUnit[]): string {
  // The innermost errors name the offending field; the outer ones only repeat "properties failed".
  const leaves = errors.filter(
    (e) =>
      !errors.some(
        (o) =>
          o !== e && o.instanceLocation.startsWith(e.instanceLocation) && o.instanceLocation !== e.instanceLocation,
      ),
  );
  return leaves
    .slice(0, 8)
    .map((e) => `  ${e.instanceLocation}: ${e.error}`)
    .join("\n");
}
