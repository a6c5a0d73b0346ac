import makeWASocket, {
  type AuthenticationState,
  type ConnectionState,
  initAuthCreds,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
  type UserFacingSocketConfig,
  type WASocket,
} from "@whiskeysockets/baileys";

type ILogger = NonNullable<UserFacingSocketConfig["logger"]>;

/** Baileys accepts any pino-shaped logger; tests keep it quiet (set WA_STANDIN_LOG=debug to see Baileys' side). */
export const silentLogger = (level = process.env.WA_STANDIN_LOG ?? "silent"): ILogger => {
  const print = (at: string) => (obj: unknown, msg?: string) => {
    if (level !== "silent") console.log(`[baileys ${at}]`, msg ?? "", JSON.stringify(obj)?.slice(0, 400));
  };
  const logger: ILogger = {
    level,
    child: () => logger,
    trace: level === "trace" ? print("trace") : () => {},
    debug: level === "trace" || level === "debug" ? print("debug") : () => {},
    info: level === "silent" ? () => {} : print("info"),
    warn: level === "silent" ? () => {} : print("warn"),
    error: level === "silent" ? () => {} : print("error"),
  };
  return logger;
};

/** Baileys' auth state kept in memory: creds plus a plain key store (what a database would hold). */
export const memoryAuthState = (): AuthenticationState => {
  const data = new Map<string, unknown>();
  const keys: SignalKeyStore = {
    get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const value = data.get(`${type}/${id}`);
        if (value !== undefined) found[id] = value as SignalDataTypeMap[T];
      }
      return found;
    },
    set: async (set: SignalDataSet) => {
      for (const [type, values] of Object.entries(set)) {
        for (const [id, value] of Object.entries(values ?? {})) {
          if (value === null || value === undefined) data.delete(`${type}/${id}`);
          else data.set(`${type}/${id}`, value);
        }
      }
    },
  };
  return { creds: initAuthCreds(), keys };
};

/** Pinned so no test ever asks WhatsApp for the current web version. */
export const BAILEYS_VERSION: [number, number, number] = [2, 3000, 1043857760];

/** A real Baileys socket against the stand-in, with its events recorded for assertions. */
export const connectBaileys = (url: string, auth: AuthenticationState) => {
  const sock: WASocket = makeWASocket({
    waWebSocketUrl: url,
    auth,
    version: BAILEYS_VERSION,
    browser: ["Rarity Leads", "Chrome", "1.0.0"],
    logger: silentLogger(),
    markOnlineOnConnect: false,
    connectTimeoutMs: 5_000,
    defaultQueryTimeoutMs: 5_000,
  });
  const updates: Partial<ConnectionState>[] = [];
  sock.ev.on("connection.update", (update) => updates.push(update));
  const next = <T>(pick: (u: Partial<ConnectionState>) => T | undefined, timeoutMs = 5_000): Promise<T> => {
    for (const u of updates) {
      const hit = pick(u);
      if (hit !== undefined) return Promise.resolve(hit);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("connection.update never matched")), timeoutMs);
      const listener = (u: Partial<ConnectionState>) => {
        const hit = pick(u);
        if (hit === undefined) return;
        clearTimeout(timer);
        sock.ev.off("connection.update", listener);
        resolve(hit);
      };
      sock.ev.on("connection.update", listener);
    });
  };
  return {
    sock,
    updates,
    qr: () => next((u) => u.qr),
    opened: () => next((u) => (u.connection === "open" ? true : undefined)),
    /** the status code Baileys reports when the connection closes */
    closed: () =>
      next((u) =>
        u.connection === "close"
          ? ((u.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode ?? -1)
          : undefined,
      ),
  };
};
