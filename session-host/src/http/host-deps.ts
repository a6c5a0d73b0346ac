import type { Counters } from "../ops/metrics";
import type { Logger } from "../ops/logger";
import type { Outbox } from "../outbox/outbox";
import type { PacingStore } from "../sessions/pacing.store";
import type { SessionManager } from "../sessions/session-manager";
import type { Sender } from "../sessions/sender";
import type { AuthStateStore } from "../store/auth-state.store";
import type { HostsRepo } from "../store/hosts.repo";
import type { NonceStore } from "../store/nonce.store";
import type { OutboundRepo } from "../store/outbound.repo";
import type { SessionsRepo } from "../store/sessions.repo";

/** Everything the HTTP layer reaches, built once in main.ts (and by tests, from the same builder). */
export interface HostDeps {
  hostId: string;
  secret: string;
  logger: Logger;
  repo: SessionsRepo;
  hosts: HostsRepo;
  auth: AuthStateStore;
  outbound: OutboundRepo;
  outbox: Outbox;
  nonces: NonceStore;
  manager: SessionManager;
  sender: Sender;
  pacing: PacingStore;
  counters: Counters;
}
