import { embedText, type EmbeddingModel } from './embedding-model';

/**
 * Where paper and query vectors come from. The built-in model (trained by `paperboy embed
 * train`) is the default and needs nothing else; an OpenAI-compatible endpoint
 * (openai-provider.ts) is the other choice. There is no ONNX provider (decision 12 says why).
 */
export interface EmbeddingProvider {
  /** Names the model; vectors of another name are not comparable (the index is rebuilt). */
  readonly name: string;
  /** Vector size; may throw until `prepare` has resolved. */
  readonly dim: number;
  /** Learns what `dim` needs (a remote provider asks its endpoint once); absent when nothing is to learn. */
  prepare?(): Promise<void>;
  /**
   * Unit-length vectors, one per text (all zeros when the text has no known word). `isInteractive`:
   * a request is waiting, so a remote provider should fail fast (one short try) rather than retry.
   */
  embed(texts: readonly string[], options?: { isInteractive?: boolean }): Promise<Float32Array[]>;
}

/** The built-in static word-vector model as a provider; `name` should identify the trained file. */
export function builtinProvider(model: EmbeddingModel, name: string): EmbeddingProvider {
  return {
    name,
    dim: model.dim,
    embed: async (texts) => texts.map((t) => embedText(model, t)),
  };
}

/** The text of a paper that gets embedded (the same for indexing and for "similar to this paper"). */
export function paperEmbeddingText(p: { title: string; abstract: string | null }): string {
  return `${p.title}\n${p.abstract ?? ''}`;
}
