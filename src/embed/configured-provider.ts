import type { Config } from '../config';
import type { EmbeddingProvider } from './embedding-provider';
import { openAiProvider } from './openai-provider';

/**
 * The provider EMBED_PROVIDER names, for createVectorSearch: undefined for `builtin` (vector
 * search loads the trained model from EMBED_DIR itself) and for `off` (callers create no vector
 * search at all).
 */
export function configuredProvider(config: Pick<Config, 'embedProvider' | 'embedOpenAi'>): EmbeddingProvider | undefined {
  if (config.embedProvider !== 'openai' || !config.embedOpenAi) return undefined;
  return openAiProvider(config.embedOpenAi);
}
