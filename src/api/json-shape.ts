/**
 * The "shape" of a JSON value: every path (`$[].paper.authors[]._id`) mapped to the JSON types
 * seen there, arrays by the union of their elements. Two responses with equal shapes can be read
 * by the same client code; the contract tests compare ours with the Hub's raw samples this way.
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
export type Shape = Map<string, Set<JsonType>>;

/** The JSON type name of a value. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  throw new Error(`not a JSON value: ${t}`);
}

/** The shape of one or more JSON values (their union). */
export function shapeOf(...values: unknown[]): Shape {
  const shape: Shape = new Map();
  const walk = (v: unknown, path: string) => {
    const types = shape.get(path) ?? new Set<JsonType>();
    types.add(jsonType(v));
    shape.set(path, types);
    if (Array.isArray(v)) for (const x of v) walk(x, `${path}[]`);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  for (const v of values) walk(v, '$');
  return shape;
}

/** The part of a shape under `prefix` (e.g. `$[].paper`), re-rooted at `$`. */
export function subShape(shape: Shape, prefix: string): Shape {
  const out: Shape = new Map();
  for (const [path, types] of shape) {
    if (path === prefix) out.set('$', new Set(types));
    else if (path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) out.set(`$${path.slice(prefix.length)}`, new Set(types));
  }
  return out;
}

export type ShapeDiff = {
  /** Paths the sample has and we lack (minus the knowingly absent ones). */
  missing: string[];
  /** Paths where we send a type the sample never has there. */
  typeMismatches: Array<{ path: string; sample: JsonType[]; ours: JsonType[] }>;
  /** Paths we send that the sample does not have (allowed: optional fields the sample lacks). */
  extra: string[];
  /** Knowingly absent paths that the sample has and we indeed lack. */
  excused: string[];
};

/**
 * Compares our shape with the sample's. A missing path is excused when it, or one of its
 * ancestors, is a key of `knownAbsent` (whose values give the reason, for the reader).
 */
export function diffShapes(sample: Shape, ours: Shape, knownAbsent: Record<string, string> = {}): ShapeDiff {
  const isExcused = (path: string) => Object.keys(knownAbsent).some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  const diff: ShapeDiff = { missing: [], typeMismatches: [], extra: [], excused: [] };
  for (const [path, sampleTypes] of sample) {
    const ourTypes = ours.get(path);
    if (!ourTypes) {
      (isExcused(path) ? diff.excused : diff.missing).push(path);
      continue;
    }
    if ([...ourTypes].some((t) => !sampleTypes.has(t))) {
      diff.typeMismatches.push({ path, sample: [...sampleTypes].sort(), ours: [...ourTypes].sort() });
    }
  }
  for (const path of ours.keys()) if (!sample.has(path)) diff.extra.push(path);
  return diff;
}
