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
