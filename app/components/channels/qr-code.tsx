import { useMemo } from "react";
import { encode } from "uqr";

/**
 * The pairing QR drawn in the browser (uqr, no network): one SVG path of dark modules, crisp at any size, on a
 * white quiet zone so phones read it in dark mode too.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { path, size } = useMemo(() => {
    const { data, size } = encode(value, { ecc: "L", border: 2 });
    let d = "";
    data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { path: d, size };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      className="h-60 w-60 max-w-full rounded-xl bg-white"
      shapeRendering="crispEdges"
    >
      <title>{label}</title>
      <path d={path} fill="#000" />
    </svg>
  );
}
