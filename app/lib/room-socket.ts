// Live rooms refuse or end access with a definite answer (decision 010): a 401/403/404 with the error
// envelope before the upgrade, or close code 4401/4403 when access ends later. Reconnecting cannot help
// either way, so the client stops and says why instead of retrying forever.
import type PartySocket from "partysocket";

/** Close codes a room sends when the listener's access ended (see durable-objects/member-room.ts). */
export const ROOM_ACCESS_CLOSE_CODES: ReadonlySet<number> = new Set([4401, 4403, 4404]);

export interface RoomRefusal {
  status: number;
  code: string;
  message: string;
}

/** Pass to PartySocket / usePartySocket: never reconnect after the room ended our access. */
export const roomSocketOptions = {
  shouldReconnectOnClose: (event: CloseEvent) => !ROOM_ACCESS_CLOSE_CODES.has(event.code),
};

/** The room's plain HTTP address: the Worker answers it with the same status a handshake would get. */
export function roomHttpUrl(roomUrl: string): string {
  return roomUrl.replace(/^ws(s?):/, "http$1:");
}

/**
 * Browsers hide the HTTP status of a refused WebSocket handshake (just `error` + close 1006), so after an
 * attempt that failed before opening, ask the room over HTTP; a 4xx envelope means stop. Returns the
 * cleanup for an effect.
 */
export function guardRoomSocket(
  socket: PartySocket,
  onRefused: (refusal: RoomRefusal) => void,
  probe: () => Promise<Response> = () => fetch(roomHttpUrl(socket.roomUrl), { credentials: "same-origin" }),
): () => void {
  let opened = false;
  const refuse = (refusal: RoomRefusal) => {
    socket.close();
    onRefused(refusal);
  };
  const onOpen = () => (opened = true);
  const onClose = (event: CloseEvent) => {
    opened = false;
    if (ROOM_ACCESS_CLOSE_CODES.has(event.code)) {
      refuse({
        status: event.code - 4000,
        code: event.reason || "ACCESS_ENDED",
        message: "Your access to this room has ended.",
      });
    }
  };
  const onError = () => {
    if (opened) return;
    void probe()
      .then(async (res) => {
        if (res.status < 400 || res.status >= 500 || res.status === 408 || res.status === 429) return;
        const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        refuse({
          status: res.status,
          code: body?.error?.code ?? "REFUSED",
          message: body?.error?.message ?? "This room refused the connection.",
        });
      })
      .catch(() => {}); // offline: let partysocket keep retrying
  };
  socket.addEventListener("open", onOpen);
  socket.addEventListener("close", onClose);
  socket.addEventListener("error", onError);
  return () => {
    socket.removeEventListener("open", onOpen);
    socket.removeEventListener("close", onClose);
    socket.removeEventListener("error", onError);
  };
}
