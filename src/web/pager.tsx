export type PagerProps = {
  /** Current page, 1-based. */
  page: number;
  /** Last page, or null when the total is not known exactly (then `hasNext` decides). */
  lastPage: number | null;
  hasNext: boolean;
  href: (page: number) => string;
};

/** « Previous · 1 … 4 5 [6] 7 8 … 20 · Next »; nothing when everything fits on one page. */
export function Pager(props: PagerProps) {
  const { page, lastPage, href } = props;
  const hasNext = lastPage === null ? props.hasNext : page < lastPage;
  if (page <= 1 && !hasNext) return null;
  const numbers: Array<number | 'gap'> = [];
  if (lastPage !== null) {
    const from = Math.max(1, page - 2);
    const to = Math.min(lastPage, page + 2);
    if (from > 1) numbers.push(1);
    if (from > 2) numbers.push('gap');
    for (let p = from; p <= to; p++) numbers.push(p);
    if (to < lastPage - 1) numbers.push('gap');
    if (to < lastPage) numbers.push(lastPage);
  }
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : null}
      {numbers.map((n) =>
        n === 'gap' ? (
          <span class="gap">…</span>
        ) : n === page ? (
          <span aria-current="page">{n}</span>
        ) : (
          <a href={href(n)}>{n}</a>
        ),
      )}
      {hasNext ? (
        <a href={href(page + 1)} rel="next">
          Next →
        </a>
      ) : null}
    </nav>
  );
}
