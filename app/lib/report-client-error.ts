/** Sends a crash from the browser to the API's structured logs; never throws itself. */
export function reportClientError(error: unknown): void {
  if (typeof window === "undefined") return;
  const err = error instanceof Error ? error : new Error(String(error));
  const body = JSON.stringify({
    message: err.message || "Unknown error",
    stack: err.stack?.slice(0, 8000),
    url: window.location.href,
  });
  fetch("/api/client-errors", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    keepalive: true,
  }).catch(() => {});
}
