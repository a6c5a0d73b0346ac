// The one error envelope, as the Worker's API uses it: `{error: {code, message, details?}}`, one status per code.
import type { ZodError } from "zod";

const STATUS = {
  UNAUTHENTICATED: 401,
  VALIDATION_FAILED: 400,
  RESOURCE_NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_OWNER: 409,
  INTERNAL: 500,
} as const;
export type HostErrorCode = keyof typeof STATUS;

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "HostError";
  }

  get status(): (typeof STATUS)[HostErrorCode] {
    return STATUS[this.code];
  }
}

export function validationError(error: ZodError): HostError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "body"] ??= issue.message;
  return new HostError("VALIDATION_FAILED", "The request is not valid.", { fields });
}
