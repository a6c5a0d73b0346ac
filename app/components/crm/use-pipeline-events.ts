import usePartySocket from "partysocket/react";
import { useEffect, useRef } from "react";
import { guardRoomSocket, roomSocketOptions } from "../../lib/room-socket";

/** What the workspace's `pipelines` topic carries (decision 012). */
export type PipelineEvent =
  | {
      type: "pipeline.created" | "pipeline.renamed";
      pipeline: { id: string; name: string };
      actorId: string | null;
      seq: number;
    }
  | { type: "pipeline.deleted"; pipelineId: string; actorId: string | null; seq: number };

/**
 * Listens to the workspace's pipeline events (created, renamed, deleted), whoever made the change and
 * through whichever door (API, this page's forms, another member's browser). `onEvent` also runs with
 * `undefined` after a reconnect, when events may have been missed and the caller should refetch.
 */
export function usePipelineEvents(workspaceId: string, onEvent: (event: PipelineEvent | undefined) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const connectedOnce = useRef(false);
  const socket = usePartySocket({
    party: "live-room",
    room: `${workspaceId}.pipelines`,
    ...roomSocketOptions,
    onOpen: () => {
      if (connectedOnce.current) handler.current(undefined);
      connectedOnce.current = true;
    },
    onMessage: (message) => {
      const event = JSON.parse(String(message.data)) as { type: string };
      if (event.type.startsWith("pipeline.")) handler.current(event as PipelineEvent);
    },
  });
  // The board's own socket reports a refusal; this one just stops retrying.
  useEffect(() => guardRoomSocket(socket, () => {}), [socket]);
}
