// What a phase of a benchmark cost, per unit of work: CPU time of the app's workerd processes (read from
// /proc, so it counts only our server, not the other sessions sharing the machine) and, from
// pg_stat_database, what the benchmark's own database did (transactions, connections opened, time spent
// executing SQL). Linux only; elsewhere the CPU figure is left out.
import { readFileSync, readdirSync } from "node:fs";
import type postgres from "postgres";

interface Snapshot {
  workerdMs: number | null;
  commits: number;
  sessions: number;
  activeMs: number;
  at: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; comm: string; cpuMs: number } | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = raw.lastIndexOf(")");
    const comm = raw.slice(raw.indexOf("(") + 1, close);
    const fields = raw.slice(close + 2).split(" ");
    // fields[0] is state; utime and stime are stat fields 14 and 15 (1-based over the whole line).
    return { ppid: Number(fields[1]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null;
  }
}

/** CPU ms used so far by every workerd process under `rootPid` (the server the benchmark started). */
function workerdCpuMs(rootPid: number): number | null {
  let pids: number[];
  try {
    pids = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return null;
  }
  const all = new Map(pids.map((p) => [p, stat(p)] as const));
  const under = (pid: number): boolean => {
    for (let p = pid, depth = 0; p > 1 && depth < 20; depth++) {
      if (p === rootPid) return true;
      p = all.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let total = 0;
  for (const [pid, s] of all) if (s?.comm.startsWith("workerd") && under(pid)) total += s.cpuMs;
  return total;
}

export function costMeter(rootPid: number, sql: postgres.Sql) {
  const snapshot = async (): Promise<Snapshot> => {
    const [row] = await sql`
      select xact_commit::float8 as commits, sessions::float8 as sessions, active_time::float8 as active
      from pg_stat_database where datname = current_database()`;
    return {
      workerdMs: workerdCpuMs(rootPid),
      commits: row!.commits,
      sessions: row!.sessions,
      activeMs: row!.active,
      at: performance.now(),
    };
  };
  /** Postgres publishes a backend's counters within ~1 s of a commit, an idle one's within 10 s: wait that. */
  const settle = () => new Promise((r) => setTimeout(r, 11_000));
  const describe = (a: Snapshot, b: Snapshot, units: number, unit = "msg") => {
    const per = (x: number) => (x / units).toFixed(1);
    const cpu =
      a.workerdMs !== null && b.workerdMs !== null ? `workerd CPU ${per(b.workerdMs - a.workerdMs)} ms, ` : "";
    return `per ${unit}: ${cpu}Postgres ${per(b.commits - a.commits)} transactions, ${per(b.activeMs - a.activeMs)} ms executing, ${per(b.sessions - a.sessions)} new connections`;
  };
  return { snapshot, settle, describe };
}
