/** What the tree needs to know about a comment. */
export type Threadable = { id: number; parentId: number | null; createdAt: string };

/** A comment in its thread, with the replies shown under it. */
export type CommentNode<T extends Threadable> = {
  comment: T;
  /** 0 for a top-level comment; never more than `maxDepth - 1`. */
  depth: number;
  /**
   * The comment this one answers when that is not the node it is shown under (a reply deeper
   * than the display allows, shown at the last level): the display says whom it replies to.
   */
  replyTo: T | null;
  children: CommentNode<T>[];
};

/** How deep threads are indented on the page; replies further down stay at the last level. */
export const MAX_THREAD_DEPTH = 6;

function byAge(a: Threadable, b: Threadable): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id;
}

/**
 * Builds the display tree from a paper's flat comment list (any order): replies under their
 * parent, siblings oldest first. A reply that would sit deeper than `maxDepth` levels is shown at
 * the last level under its nearest shown ancestor, in time order, with `replyTo` set. A comment
 * whose parent is missing from the list (or that sits in a parent cycle) is shown at the top.
 */
export function buildCommentTree<T extends Threadable>(comments: readonly T[], maxDepth = MAX_THREAD_DEPTH): CommentNode<T>[] {
  const levels = Math.max(1, Math.floor(maxDepth));
  const byId = new Map(comments.map((c) => [c.id, c]));
  const replies = new Map<number, T[]>();
  const roots: T[] = [];
  for (const c of comments) {
    if (c.parentId !== null && c.parentId !== c.id && byId.has(c.parentId)) {
      const list = replies.get(c.parentId);
      if (list) list.push(c);
      else replies.set(c.parentId, [c]);
    } else {
      roots.push(c);
    }
  }

  const placed = new Set<number>();
  // Every descendant of `c`, for a node at the last level (its replies all go flat beside it).
  const descendants = (c: T): T[] => {
    const out: T[] = [];
    const stack = [...(replies.get(c.id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (placed.has(next.id)) continue;
      placed.add(next.id);
      out.push(next);
      stack.push(...(replies.get(next.id) ?? []));
    }
    return out;
  };
  const build = (c: T, depth: number, shownUnder: T | null): CommentNode<T> => {
    placed.add(c.id);
    const node: CommentNode<T> = { comment: c, depth, replyTo: null, children: [] };
    if (shownUnder !== null && c.parentId !== shownUnder.id) node.replyTo = byId.get(c.parentId!) ?? null;
    if (depth + 1 < levels - 1) {
      for (const r of [...(replies.get(c.id) ?? [])].sort(byAge)) if (!placed.has(r.id)) node.children.push(build(r, depth + 1, c));
    } else if (depth + 1 === levels - 1) {
      // The last level: this comment's replies, and all of theirs, side by side in time order.
      for (const r of descendants(c).sort(byAge)) node.children.push({ comment: r, depth: depth + 1, replyTo: r.parentId === c.id ? null : (byId.get(r.parentId!) ?? null), children: [] });
    }
    return node;
  };

  const tree: CommentNode<T>[] = [];
  for (const r of roots.sort(byAge)) tree.push(build(r, 0, null));
  // Whatever is left is in a parent cycle (impossible through the use cases, but never drop a comment).
  const left = comments.filter((c) => !placed.has(c.id)).sort(byAge);
  for (const c of left) if (!placed.has(c.id)) tree.push(build(c, 0, null));
  return tree;
}

/** The tree in reading order (each comment, then its replies): parent before child. */
export function flattenCommentTree<T extends Threadable>(tree: readonly CommentNode<T>[]): CommentNode<T>[] {
  const out: CommentNode<T>[] = [];
  const walk = (nodes: readonly CommentNode<T>[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}
