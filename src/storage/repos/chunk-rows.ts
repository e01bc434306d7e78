/**
 * SQLite refuses a statement with more than 32,766 bound parameters (PostgreSQL: 65,535), so a
 * multi-row statement carries at most this many; the smaller limit serves both dialects.
 */
export const MAX_PARAMETERS = 32_766;

/** Splits `rows` into slices whose statements stay under the parameter limit. */
export function chunkRows<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, parametersPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
