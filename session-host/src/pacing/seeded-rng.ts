// The pacer's only source of randomness (gaps, typing jitter) is injected, so a seed reproduces a schedule
// exactly: in tests, in the bench, and when replaying an incident from a persisted state.

/** Returns a number in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to spread gaps (not for anything secret). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
