// The loopback WhatsApp stand-in (session-host/test/wa-standin) as a process, and its control API as the phones
// in a test: the rep's phone scans the QR or types the pairing code; a lead's phone writes, receives and reads.
import { startProcess, type StartedProcess } from "../../scripts/lib/processes.ts";

/** No gaps, typing or quiet hours: what the session-host's own pacing tests do not need here. */
export const FAST_PACING = {
  gapMinMs: 0,
  gapMaxMs: 0,
  typingMinMs: 0,
  typingMaxMs: 0,
  typingMsPerChar: 0,
  newContactGapMs: 0,
  perMinute: 60,
  quietStartHour: 0,
  quietEndHour: 0,
};

export interface StandInProcess {
  controlUrl: string;
  info: { url: string; certRootPublicKey: string };
  process: StartedProcess;
}

export async function startWaStandInProcess(): Promise<StandInProcess> {
  const proc = startProcess("bun", ["session-host/test/wa-standin/serve.ts"]);
  const deadline = Date.now() + 30_000;
  let controlUrl: string | undefined;
  while (!controlUrl) {
    controlUrl = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(proc.output())?.[1];
    if (proc.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the WhatsApp stand-in did not start:\n${proc.output()}`);
    if (!controlUrl) await new Promise((r) => setTimeout(r, 50));
  }
  const info = (await (await fetch(`${controlUrl}/info`)).json()) as StandInProcess["info"];
  return { controlUrl, info, process: proc };
}

/** The phones, through the stand-in's control API. */
export function standInPhones(controlUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${controlUrl}${path}`, {
      method,
      ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`stand-in ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    scan: (qr: string, phone: string) => call("POST", "/scan", { qr, phone }),
    enterCode: (code: string, phone: string) => call("POST", "/pairing-code", { code, phone }),
    write: (from: string, to: string, text: string) => call<{ id: string }>("POST", "/inbound", { from, to, text }),
    received: () =>
      call<{ messages: { id: string; from: string; to: string; text: string }[]; copies: number }>("GET", "/received"),
    read: (id: string, by: string) => call("POST", "/receipt", { id, to: by, type: "read" }),
    online: async (phone: string) => (await call<{ online: boolean }>("GET", `/online/${phone}`)).online,
  };
}
