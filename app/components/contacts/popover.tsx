/** A button that opens a panel below it (native <details>: keyboard and screen readers work without script). */
export function Popover({ label, width, children }: { label: string; width: string; children: React.ReactNode }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-lg border border-ink-700 px-3 py-1.5 text-sm hover:bg-ink-800">
        {label}
      </summary>
      <div
        className={`absolute right-0 z-20 mt-1 ${width} rounded-xl border border-ink-700 bg-ink-900 p-3 text-sm shadow-xl`}
      >
        {children}
      </div>
    </details>
  );
}
