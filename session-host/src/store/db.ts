import postgres from "postgres";

export type Sql = postgres.Sql;

/** One pool for the host. Sessions write small rows often; ten connections serve hundreds of idle sessions. */
export function openDatabase(url: string, max = 10): Sql {
  return postgres(url, { max, onnotice: () => {}, idle_timeout: 30, connect_timeout: 10 });
}
