import { flushSync } from "react-dom";

/**
 * Applies a React state update inside a view transition, so elements that carry a `view-transition-name`
 * glide from their old place to the new one (the browser animates snapshots; no layout-animation runtime).
 * `setNamed(true)` must put those names on before the old state is captured, hence the first flushSync.
 * Without the API, or with reduced motion asked for, the update simply happens.
 */
export function updateWithViewTransition(update: () => void, setNamed: (on: boolean) => void) {
  if (
    typeof document === "undefined" ||
    typeof document.startViewTransition !== "function" ||
    matchMedia("(prefers-reduced-motion: reduce)").matches
  ) {
    return update();
  }
  flushSync(() => setNamed(true));
  const transition = document.startViewTransition(() => flushSync(update));
  // A newer re-rank skips this transition (the update itself is still applied); that is not an error.
  transition.ready.catch(() => {});
  void transition.finished.finally(() => setNamed(false));
}
