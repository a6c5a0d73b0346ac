import type { z } from "zod";
import { AppError } from "./app-error";

/** Field path → messages, e.g. `{ "filters.limit": ["Too big: expected number to be <=30"] }`. */
export type FieldErrors = Record<string, string[]>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join(".") : "_root";
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

export function validationError(error: z.ZodError, where = "body"): AppError {
  return new AppError("VALIDATION_FAILED", `The request ${where} is not valid.`, {
    location: where,
    fields: fieldErrors(error),
  });
}

// Text Postgres refuses to store: NUL (not allowed in `text`/`jsonb`) and UTF-16 surrogates without their
// pair (not encodable as UTF-8). Sent on, either ends in a database error (a 500) instead of a field error.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_MESSAGE = "Contains a NUL character or an unpaired surrogate, which cannot be stored.";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** Text from outside (a provider's message) made storable: NUL dropped, unpaired surrogates replaced. */
export function toStorable(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is removed
      .replace(/\u0000/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
  );
}

/** The shared zod refinement for schemas: `storableString(z.string().max(200))`. */
export function storableString<T extends z.ZodString>(schema: T) {
  return schema.refine(isStorableText, { message: UNSTORABLE_MESSAGE });
}

/**
 * Paths (`a.b.0.c`) of every string — value or object key — that Postgres could not store, walking any
 * depth without recursion (a deeply nested body must not overflow the stack). Stops after `max` hits.
 */
export function unstorablePaths(value: unknown, root: string[] = [], max = 20): string[] {
  const found: string[] = [];
  const stack: [unknown, string[]][] = [[value, root]];
  while (stack.length > 0 && found.length < max) {
    const [node, path] = stack.pop()!;
    if (typeof node === "string") {
      if (!isStorableText(node)) found.push(path.join(".") || "_root");
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], [...path, String(i)]]);
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (!isStorableText(key)) found.push([...path, key].join("."));
        else stack.push([child, [...path, key]]);
      }
    }
  }
  return found;
}
