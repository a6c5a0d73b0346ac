// Host → Worker: events posted to `/api/hooks/session-host`, signed like the Worker's requests to us.
import { HOST_WEBHOOK_PATH, type HostEvent } from "../protocol/api";
import { signRequest } from "../protocol/signature";

export type DeliverEvents = (events: HostEvent[]) => Promise<void>;

export function workerClient(workerUrl: string, secret: string, timeoutMs = 10_000): DeliverEvents {
  const url = new URL(HOST_WEBHOOK_PATH, workerUrl);
  return async (events) => {
    const body = JSON.stringify({ events });
    const headers = await signRequest(secret, { method: "POST", path: url.pathname, body });
    const res = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`worker answered ${res.status}`);
  };
}
