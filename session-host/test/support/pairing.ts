// Pairing a host session with the stand-in's phone, as a rep does: the QR the host shows is scanned.
import type { WaStandIn } from "../wa-standin/stand-in";
import { signed } from "./host";

export async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000, what = "condition") {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}

export async function sessionStatus(host: { url: string }, ws: string, id: string) {
  const res = await signed(host, "GET", `/sessions/${id}?workspaceId=${ws}`);
  return (await res.json()) as { status: string; phone: string | null; reason: string | null; paused: boolean };
}

/** Creates a session, scans its QR with `phone`, and waits until it is open. */
export async function pairSession(host: { url: string }, standIn: WaStandIn, ws: string, phone: string) {
  const res = await signed(host, "POST", "/sessions", { workspaceId: ws, channel: "whatsapp", name: "Sales phone" });
  const { id } = (await res.json()) as { id: string };
  let qr = "";
  await eventually(
    async () => {
      const r = await signed(host, "GET", `/sessions/${id}/qr?workspaceId=${ws}`);
      if (r.status === 200) qr = ((await r.json()) as { qr: string }).qr;
      return r.status === 200;
    },
    10_000,
    "a QR",
  );
  await standIn.scanQr(qr, { phone });
  await eventually(async () => (await sessionStatus(host, ws, id)).status === "open", 10_000, "the session to open");
  return id;
}
