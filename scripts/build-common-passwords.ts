/**
 * Writes src/features/accounts/common-passwords.txt: the 10,000 most common passwords, most
 * common first, one per line, from the frequency-ranked list of @zxcvbn-ts/language-common
 * (MIT; built from leaked-password corpora). Sign-up and password changes refuse them.
 *
 *   npx tsx scripts/build-common-passwords.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { dictionary } from '@zxcvbn-ts/language-common';

const ranked = (dictionary as Record<string, string[]>)['passwords-common'];
if (!ranked || ranked.length < 10_000) throw new Error('@zxcvbn-ts/language-common has no passwords-common list of 10,000 entries');
const top = ranked.slice(0, 10_000);
const out = path.resolve(import.meta.dirname, '../src/features/accounts/common-passwords.txt');
fs.writeFileSync(out, `${top.join('\n')}\n`);
console.log(`wrote ${top.length} passwords to ${path.relative(process.cwd(), out)}`);
