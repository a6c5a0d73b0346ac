import { useAnimate } from "framer-motion/mini";
import { useEffect } from "react";

export type GenerateState = "idle" | "working" | "done";

const prefersReducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

/**
 * The "Generate Leads" label: each change to working or done slides the new label in, and "Generating…"
 * pulses while it lasts. Framer Motion's mini `useAnimate` drives the Web Animations API (~3 KB) — this
 * route needs no component animation runtime (decision 008).
 */
export function CtaLabel({ state }: { state: GenerateState }) {
  const [scope, animate] = useAnimate<HTMLSpanElement>();
  useEffect(() => {
    if (state === "idle" || !scope.current || prefersReducedMotion()) return;
    const enter = animate(
      scope.current,
      { opacity: [0, 1], transform: ["translateY(8px)", "translateY(0)"] },
      { duration: 0.18, ease: "easeOut" },
    );
    const pulse =
      state === "working"
        ? animate(scope.current, { opacity: [1, 0.5, 1] }, { duration: 1.2, delay: 0.18, repeat: Infinity })
        : null;
    return () => {
      enter.stop();
      pulse?.stop();
    };
  }, [state, animate, scope]);
  return (
    <span ref={scope} className="inline-block">
      {state === "working" ? (
        "Generating…"
      ) : state === "done" ? (
        <>
          <span aria-hidden>✓ </span>Generate Leads
        </>
      ) : (
        "Generate Leads"
      )}
    </span>
  );
}
