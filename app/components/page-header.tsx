export function PageHeader({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <div className="motion-safe:animate-fade-up">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-1 text-ink-300">{subtitle}</p>
    </div>
  );
}

export function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <div className="mt-8 rounded-2xl border border-dashed border-ink-700 bg-ink-900 p-8 text-center">
      <p className="font-medium">{title}</p>
      <p className="mx-auto mt-2 max-w-md text-sm text-ink-300">{body}</p>
    </div>
  );
}
