import { createContext } from "react-router";

/** The Worker's bindings and execution context, readable from loaders and actions. */
export const cloudflareContext = createContext<{ env: Env; ctx: ExecutionContext }>();
