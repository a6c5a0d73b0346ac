export const REQUEST_ID_HEADER = "x-request-id";

// A caller-supplied id is kept for end-to-end tracing only when it cannot smuggle anything into logs.
const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function resolveRequestId(incoming: string | null): string {
  return incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
}
