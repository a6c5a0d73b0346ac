import usePartySocket from "partysocket/react";
import { useEffect, useRef, useState } from "react";
import { guardRoomSocket, roomSocketOptions } from "../../lib/room-socket";

/**
 * Listens to one room. `onEvent` gets every event, and `undefined` after a reconnect (events may have been
 * missed: the caller refetches). Returns the refusal message once the room ended our access.
 */
export function useRoomEvents<E extends { type: string }>(
  party: "live-room" | "lead-room",
  room: string | null,
  onEvent: (event: E | undefined) => void,
): string | null {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const connectedOnce = useRef(false);
  const [refused, setRefused] = useState<string | null>(null);
  const socket = usePartySocket({
    party,
    room: room ?? "none",
    enabled: room !== null,
    ...roomSocketOptions,
    onOpen: () => {
      if (connectedOnce.current) handler.current(undefined);
      connectedOnce.current = true;
    },
    onMessage: (message) => handler.current(JSON.parse(String(message.data)) as E),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new room is a new subscription
  useEffect(() => {
    connectedOnce.current = false;
    setRefused(null);
  }, [room]);
  useEffect(() => guardRoomSocket(socket, (r) => setRefused(r.message)), [socket]);
  return refused;
}
