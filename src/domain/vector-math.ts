/** Dot product; the cosine of two unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let k = 0; k < v.length; k++) sum += v[k]! * v[k]!;
  if (sum === 0) return v;
  const inv = 1 / Math.sqrt(sum);
  for (let k = 0; k < v.length; k++) v[k]! *= inv;
  return v;
}
