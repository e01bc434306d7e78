import { describe, expect, it } from 'vitest';
import { buildCommentTree, flattenCommentTree, type CommentNode, type Threadable } from './comment-tree';

const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
const c = (id: number, parentId: number | null, minute = id): Threadable => ({ id, parentId, createdAt: at(minute) });

/** `1(2(3),4)` style outline of a tree, for compact assertions. */
function outline(nodes: CommentNode<Threadable>[]): string {
  return nodes.map((n) => `${n.comment.id}${n.replyTo ? `>${n.replyTo.id}` : ''}${n.children.length ? `(${outline(n.children)})` : ''}`).join(',');
}

describe('buildCommentTree', () => {
  it('is empty for no comments', () => {
    expect(buildCommentTree([])).toEqual([]);
  });

  it('puts replies under their parent and siblings oldest first, whatever the input order', () => {
    const list = [c(5, 1, 50), c(3, null, 30), c(2, 1, 20), c(1, null, 10), c(4, 2, 40), c(6, 3, 5)];
    const tree = buildCommentTree(list);
    expect(outline(tree)).toBe('1(2(4),5),3(6)');
    expect(tree[0]!.depth).toBe(0);
    expect(tree[0]!.children[0]!.children[0]!.depth).toBe(2);
  });

  it('breaks ties of the same time by id', () => {
    expect(outline(buildCommentTree([c(9, null, 1), c(8, null, 1), c(7, 8, 2), c(6, 8, 2)]))).toBe('8(6,7),9');
  });

  it('shows replies deeper than the limit at the last level, in time order, saying whom they answer', () => {
    // A chain 1 ← 2 ← 3 ← 4 ← 5, plus 6 answering 3 after 5 was written, with three levels shown.
    const list = [c(1, null), c(2, 1), c(3, 2), c(4, 3), c(5, 4), c(6, 3)];
    const tree = buildCommentTree(list, 3);
    expect(outline(tree)).toBe('1(2(3,4>3,5>4,6>3))');
    const flat = flattenCommentTree(tree);
    expect(Math.max(...flat.map((n) => n.depth))).toBe(2);
    expect(flat.map((n) => n.comment.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('never nests deeper than the default of six levels', () => {
    const chain = Array.from({ length: 20 }, (_, i) => c(i + 1, i === 0 ? null : i));
    const flat = flattenCommentTree(buildCommentTree(chain));
    expect(flat).toHaveLength(20);
    expect(Math.max(...flat.map((n) => n.depth))).toBe(5);
    expect(flat.filter((n) => n.depth === 5)).toHaveLength(15);
    expect(flat.map((n) => n.comment.id)).toEqual(chain.map((x) => x.id));
  });

  it('shows a comment whose parent is missing, or that sits in a cycle, at the top level', () => {
    const tree = buildCommentTree([c(2, 99), c(3, 4), c(4, 3), c(5, 5)]);
    expect(outline(tree)).toBe('2,5,3(4)');
    expect(flattenCommentTree(tree)).toHaveLength(4);
  });

  it('lists parents before children when flattened', () => {
    const list = [c(1, null), c(2, null), c(3, 1), c(4, 2), c(5, 3), c(6, 1)];
    const order = flattenCommentTree(buildCommentTree(list)).map((n) => n.comment.id);
    expect(order).toEqual([1, 3, 5, 6, 2, 4]);
    for (const x of list) if (x.parentId !== null) expect(order.indexOf(x.parentId)).toBeLessThan(order.indexOf(x.id));
  });
});
