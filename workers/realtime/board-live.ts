import { boardTopic } from "./live-events";
import { roomName } from "./room-access";

/** The room a board's listeners join: `<workspace>.board-<pipeline>`. Events reach it through the outbox. */
export function boardRoom(workspaceId: string, pipelineId: string): string {
  return roomName(workspaceId, boardTopic(pipelineId));
}
