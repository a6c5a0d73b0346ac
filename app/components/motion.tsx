import { LazyMotion, MotionConfig } from "framer-motion";

// Wraps only the parts that need component animations with exit (the CRM drawer, import progress), so other
// routes ship none of it. The features load after hydration; until they arrive `m.*` components render as
// plain elements. `strict` makes a stray `motion.*` (which bundles everything) throw. See decision 008.
const loadFeatures = () => import("./motion-features").then((mod) => mod.domMin);

export function MotionProvider({ children }: { children: React.ReactNode }) {
  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={loadFeatures} strict>
        {children}
      </LazyMotion>
    </MotionConfig>
  );
}
