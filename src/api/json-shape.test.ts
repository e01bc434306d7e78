import { describe, expect, it } from 'vitest';
import { diffShapes, shapeOf, subShape } from './json-shape';

describe('json shapes', () => {
  it('maps paths to the union of types, arrays by their elements', () => {
    const shape = shapeOf([{ a: 1, b: [{ c: 'x' }, { c: null, d: true }] }, { a: 'y' }]);
    expect(Object.fromEntries([...shape].map(([p, t]) => [p, [...t].sort()]))).toEqual({
      $: ['array'],
      '$[]': ['object'],
      '$[].a': ['number', 'string'],
      '$[].b': ['array'],
      '$[].b[]': ['object'],
      '$[].b[].c': ['null', 'string'],
      '$[].b[].d': ['boolean'],
    });
  });

  it('finds missing fields, type changes and extras, and excuses known absences with their children', () => {
    const sample = shapeOf({ a: 1, b: 'x', org: { name: 'n' }, list: [] });
    const ours = shapeOf({ a: '1', b: 'x', extra: true, list: [] });
    const diff = diffShapes(sample, ours, { '$.org': 'no organisations' });
    expect(diff.missing).toEqual([]);
    expect(diff.excused).toEqual(['$.org', '$.org.name']);
    expect(diff.typeMismatches).toEqual([{ path: '$.a', sample: ['number'], ours: ['string'] }]);
    expect(diff.extra).toEqual(['$.extra']);
    expect(diffShapes(sample, ours).missing).toEqual(['$.org', '$.org.name']);
  });

  it('re-roots a part of a shape', () => {
    const s = subShape(shapeOf([{ paper: { id: 'x', tags: ['a'] } }]), '$[].paper');
    expect([...s.keys()]).toEqual(['$', '$.id', '$.tags', '$.tags[]']);
  });
});
