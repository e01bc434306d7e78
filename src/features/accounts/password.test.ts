import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password-hash';
import { checkNewPassword, isCommonPassword } from './password-policy';
import { hashToken, isTokenShaped, newToken } from './secret-token';

describe('password hashing', () => {
  it('stores argon2id with m=19 MiB, t=2, p=1 in PHC format and verifies', async () => {
    const phc = await hashPassword('correct horse battery staple');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(await verifyPassword(phc, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(phc, 'correct horse battery stapl')).toBe(false);
    expect(needsRehash(phc)).toBe(false);
  });

  it('never truncates: passwords differing only after 72 bytes (bcrypt’s limit) are different', async () => {
    const base = 'x'.repeat(200);
    const phc = await hashPassword(`${base}A`);
    expect(await verifyPassword(phc, `${base}B`)).toBe(false);
  });

  it('asks for a rehash when parameters are weaker than today’s or the algorithm differs', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=19456,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(needsRehash('$scrypt$ln=17,r=8,p=1$abc$def')).toBe(true);
  });

  it('rejects a malformed stored hash as a mismatch instead of throwing', async () => {
    expect(await verifyPassword('not a hash', 'whatever')).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['short', 'too short', /at least 8/],
    ['x'.repeat(257), 'too long', /at most 256/],
    ['password', 'common', /most common/],
    ['Qwertyuiop', 'common in another case', /most common/],
    ['ada_lovelace', 'the user name', /user name/],
  ])('refuses %s (%s)', (password, _why, message) => {
    expect(() => checkNewPassword(password, { username: 'Ada_Lovelace', email: 'ada@example.org' })).toThrow(message);
  });

  it.each(['8 chars!', '🦄🦄🦄🦄🦄🦄🦄🦄', 'a sentence with spaces in it', 'x'.repeat(256), 'ünïcödé-pässwörd'])('accepts %s', (password) => {
    expect(checkNewPassword(password, { username: 'ada', email: 'ada@example.org' })).toBe(password);
  });

  it('counts characters, not UTF-16 units: 4 emoji are 4 characters', () => {
    expect(() => checkNewPassword('🦄🦄🦄🦄', {})).toThrow(/at least 8/);
  });

  it('ships the 10,000 most common passwords', () => {
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('iloveyou')).toBe(true);
    expect(isCommonPassword('tangerine-kettle-orbit')).toBe(false);
  });
});

describe('secret tokens', () => {
  it('are 256-bit base64url, stored as a SHA-256 that differs from the token', () => {
    const t = newToken();
    expect(isTokenShaped(t)).toBe(true);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
    expect(newToken()).not.toBe(t);
    expect(isTokenShaped('../../etc/passwd')).toBe(false);
  });
});
