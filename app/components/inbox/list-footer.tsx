/** "Load more" and the last error under a paged list (conversations, failed messages). */
export function ListFooter({
  more,
  loading,
  onMore,
  error,
}: {
  more: boolean;
  loading: boolean;
  onMore: () => void;
  error: string | null | undefined;
}) {
  return (
    <>
      {more && (
        <button
          type="button"
          onClick={onMore}
          disabled={loading}
          className="m-3 rounded-lg border border-ink-700 px-3 py-1.5 text-sm hover:bg-ink-800 disabled:opacity-60"
        >
          {loading ? "Loading…" : "Load more"}
        </button>
      )}
      {error && (
        <p role="alert" className="px-3 pb-3 text-sm text-red-300">
          {error}
        </p>
      )}
    </>
  );
}
