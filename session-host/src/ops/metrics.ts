// `GET /metrics` in Prometheus' text format: sessions by status, sends, queue and outbox depth.
import type { Outbox } from "../outbox/outbox";
import type { OutboundRepo } from "../store/outbound.repo";
import type { SessionsRepo } from "../store/sessions.repo";

export class Counters {
  sent = 0;
  failed = 0;
  inbound = 0;
}

export async function renderMetrics(deps: {
  hostId: string;
  repo: SessionsRepo;
  outbound: OutboundRepo;
  outbox: Outbox;
  counters: Counters;
  running: number;
}): Promise<string> {
  const [byStatus, sends, outboxDepth] = await Promise.all([
    deps.repo.countByStatus(),
    deps.outbound.counts(),
    deps.outbox.depth(),
  ]);
  const queued = sends.filter((s) => s.status === "queued" || s.status === "sending").reduce((n, s) => n + s.n, 0);
  const host = `host="${deps.hostId.replace(/["\\\n]/g, "_")}"`;
  const lines = [
    "# HELP session_host_sessions Sessions in the fleet by status.",
    "# TYPE session_host_sessions gauge",
    ...byStatus.map((s) => `session_host_sessions{status="${s.status}"} ${s.n}`),
    "# HELP session_host_running_sessions Sessions whose socket this host runs.",
    "# TYPE session_host_running_sessions gauge",
    `session_host_running_sessions{${host}} ${deps.running}`,
    "# HELP session_host_messages_sent_total Messages this host sent since it started.",
    "# TYPE session_host_messages_sent_total counter",
    `session_host_messages_sent_total{${host}} ${deps.counters.sent}`,
    "# HELP session_host_messages_failed_total Sends that ended failed since start.",
    "# TYPE session_host_messages_failed_total counter",
    `session_host_messages_failed_total{${host}} ${deps.counters.failed}`,
    "# HELP session_host_messages_received_total Inbound messages since start.",
    "# TYPE session_host_messages_received_total counter",
    `session_host_messages_received_total{${host}} ${deps.counters.inbound}`,
    "# HELP session_host_pacing_queue_depth Sends waiting for their paced slot (fleet-wide).",
    "# TYPE session_host_pacing_queue_depth gauge",
    `session_host_pacing_queue_depth ${queued}`,
    "# HELP process_resident_memory_bytes Resident memory of this host process.",
    "# TYPE process_resident_memory_bytes gauge",
    `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
    "# HELP session_host_heap_used_bytes JavaScript heap in use.",
    "# TYPE session_host_heap_used_bytes gauge",
    `session_host_heap_used_bytes ${process.memoryUsage().heapUsed}`,
    "# HELP session_host_outbox_depth Events not yet delivered to the Worker (fleet-wide).",
    "# TYPE session_host_outbox_depth gauge",
    `session_host_outbox_depth ${outboxDepth}`,
  ];
  return `${lines.join("\n")}\n`;
}
