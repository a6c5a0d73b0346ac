import { getServerByName } from "partyserver";
import type { LiveRoom } from "../../durable-objects/live-room";
import type { LiveEvent } from "../../durable-objects/live-room";
import { roomName } from "./room-access";

export function boardRoom(workspaceId: string, pipelineId: string): string {
  return roomName(workspaceId, `board-${pipelineId}`);
}

/**
 * Pushes a board change to everyone who has the board open. Fire-and-forget after the write committed:
 * a missed push is repaired by the client's refetch on reconnect, so it never fails the request.
 */
export function publishBoardEvent(env: Env, ctx: ExecutionContext, workspaceId: string, pipelineId: string, event: LiveEvent): void {
  ctx.waitUntil(
    getServerByName<Env, LiveRoom>(env.LiveRoom, boardRoom(workspaceId, pipelineId))
      .then((room) => room.publish(event))
      .catch(() => 0),
  );
}
