import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { configuredProvider } from './embed/configured-provider';

describe('loadConfig: embedding provider', () => {
  const openai = { EMBED_PROVIDER: 'openai', EMBED_OPENAI_URL: 'http://127.0.0.1:8080/v1/', EMBED_OPENAI_MODEL: 'nomic-embed-text' };

  it('defaults to the built-in model, which needs no other setting', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ embedProvider: 'builtin', embedOpenAi: null });
    expect(configuredProvider(config)).toBeUndefined();
  });

  it('reads the OpenAI-compatible endpoint (trailing slash dropped, key and dimensions optional)', () => {
    expect(loadConfig(openai).embedOpenAi).toEqual({ url: 'http://127.0.0.1:8080/v1', model: 'nomic-embed-text', apiKey: null, dimensions: null });
    const config = loadConfig({ ...openai, EMBED_OPENAI_API_KEY: 'sk-1', EMBED_OPENAI_DIMENSIONS: '256' });
    expect(config.embedOpenAi).toMatchObject({ apiKey: 'sk-1', dimensions: 256 });
    const provider = configuredProvider(config)!;
    expect(provider.name).toBe('openai:nomic-embed-text@127.0.0.1:8080');
    expect(provider.dim).toBe(256);
  });

  it('says what is missing or wrong, naming the variable', () => {
    expect(() => loadConfig({ EMBED_PROVIDER: 'openai' })).toThrow(ConfigError);
    expect(() => loadConfig({ EMBED_PROVIDER: 'openai' })).toThrow(/EMBED_PROVIDER: openai needs EMBED_OPENAI_URL and EMBED_OPENAI_MODEL \(e\.g\./);
    expect(() => loadConfig({ ...openai, EMBED_OPENAI_MODEL: '' })).toThrow(/openai needs EMBED_OPENAI_MODEL \(/);
    expect(() => loadConfig({ ...openai, EMBED_OPENAI_URL: 'not a url' })).toThrow(/EMBED_OPENAI_URL: must be a URL such as http:\/\/127\.0\.0\.1:8080\/v1/);
    expect(() => loadConfig({ ...openai, EMBED_OPENAI_URL: 'localhost:8080' })).toThrow(/EMBED_OPENAI_URL: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => loadConfig({ ...openai, EMBED_OPENAI_DIMENSIONS: 'many' })).toThrow(/EMBED_OPENAI_DIMENSIONS/);
    expect(() => loadConfig({ EMBED_PROVIDER: 'onnx' })).toThrow(/EMBED_PROVIDER: must be builtin, openai or off \(there is no onnx provider: see docs\/decisions\/0012\)/);
  });

  it('ignores the endpoint settings unless the provider is openai', () => {
    expect(loadConfig({ EMBED_PROVIDER: 'off', EMBED_OPENAI_MODEL: 'x' }).embedOpenAi).toBeNull();
  });
});

describe('loadConfig: For you', () => {
  it('ranks 30 days of papers by default, 1 to 365 when set, and names the variable when wrong', () => {
    expect(loadConfig({}).forYouDays).toBe(30);
    expect(loadConfig({ FOR_YOU_DAYS: '7' }).forYouDays).toBe(7);
    for (const bad of ['0', '366', 'a week', '2.5']) expect(() => loadConfig({ FOR_YOU_DAYS: bad })).toThrow(/FOR_YOU_DAYS/);
  });
});

describe('loadConfig: whole-number settings', () => {
  it('says the allowed range, not what the parser saw', () => {
    for (const bad of ['abc', '2.5', '-1', '70000']) expect(() => loadConfig({ PORT: bad })).toThrow(/PORT: must be a whole number from 0 to 65535/);
    expect(() => loadConfig({ DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR: must be a whole number from 0 to 23/);
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });
});
