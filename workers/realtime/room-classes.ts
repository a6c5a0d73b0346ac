import type { MemberRoom } from "../../durable-objects/member-room";

/**
 * The room classes clients may connect to, by partyserver's kebab-case party name → Durable Object binding.
 * A new room class (e.g. the per-lead conversation room) extends MemberRoom and is added here.
 */
export const ROOM_PARTIES = { "live-room": "LiveRoom", "lead-room": "LeadRoom" } as const;

export type RoomBinding = (typeof ROOM_PARTIES)[keyof typeof ROOM_PARTIES];

export function isRoomBinding(name: string): name is RoomBinding {
  return (Object.values(ROOM_PARTIES) as string[]).includes(name);
}

export function roomNamespace(env: Env, binding: RoomBinding): DurableObjectNamespace<MemberRoom> {
  return env[binding] as unknown as DurableObjectNamespace<MemberRoom>;
}
