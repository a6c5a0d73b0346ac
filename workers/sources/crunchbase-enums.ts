// Crunchbase's enumerated company-size and revenue bands (API v4), and how our ranges map onto them.
import type { Range } from "../lead-engine/icp.schema";

export const EMPLOYEE_BANDS: [string, number, number][] = [
  ["c_00001_00010", 1, 10],
  ["c_00011_00050", 11, 50],
  ["c_00051_00100", 51, 100],
  ["c_00101_00250", 101, 250],
  ["c_00251_00500", 251, 500],
  ["c_00501_01000", 501, 1000],
  ["c_01001_05000", 1001, 5000],
  ["c_05001_10000", 5001, 10000],
  ["c_10001_max", 10001, Number.MAX_SAFE_INTEGER],
];

export const REVENUE_BANDS: [string, number, number][] = [
  ["r_00000000", 0, 999_999],
  ["r_00001000", 1e6, 1e7 - 1],
  ["r_00010000", 1e7, 5e7 - 1],
  ["r_00050000", 5e7, 1e8 - 1],
  ["r_00100000", 1e8, 5e8 - 1],
  ["r_00500000", 5e8, 1e9 - 1],
  ["r_01000000", 1e9, 1e10 - 1],
  ["r_10000000", 1e10, Number.MAX_SAFE_INTEGER],
];

/** Bands that overlap the range (a band is kept if any of it can satisfy the range). */
export function bandsFor(bands: [string, number, number][], range: Range): string[] {
  return bands
    .filter(
      ([, lo, hi]) => (range.max === undefined || lo <= range.max) && (range.min === undefined || hi >= range.min),
    )
    .map(([id]) => id);
}

/** A band's lower bound: never overstate a company. */
export function bandValue(bands: [string, number, number][], id: string | null | undefined): number | null {
  const band = bands.find(([b]) => b === id);
  return band ? band[1] : null;
}
