import { createContext as createReactContext, useContext } from "react";
import { createContext } from "react-router";

/** The per-request CSP nonce, from the Worker's SSR handler to entry.server (undefined in dev). */
export const cspNonceContext = createContext<string | undefined>(undefined);

const NonceContext = createReactContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;

/** The nonce for inline scripts during SSR; in the browser it is undefined (browsers hide it anyway). */
export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
