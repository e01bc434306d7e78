import type { Deps } from '../../deps';
import { InputError } from '../../domain/input-error';
import { unsubscribeTokensOf } from '../../domain/unsubscribe-mail';
import { unsubscribeByLinkToken, type UnsubscribeResult } from './unsubscribe';

/**
 * The `mailto:` half of `List-Unsubscribe`: unsubscribes the subscription(s) whose link token a
 * delivered message is addressed to (`unsubscribe+<token>@…`; see domain/unsubscribe-mail.ts),
 * exactly as the one-click link would. Throws an InputError when the message names no such
 * address or none of its tokens is known, so a mail server piping messages here bounces them and
 * the sender learns that nothing happened.
 */
export async function unsubscribeByMail(deps: Deps, message: string, recipients: readonly string[] = []): Promise<UnsubscribeResult[]> {
  const tokens = unsubscribeTokensOf(message, recipients);
  if (tokens.length === 0) throw new InputError('the message is not addressed to an unsubscribe+<token>@ address');
  const done: UnsubscribeResult[] = [];
  for (const token of tokens) {
    const result = await unsubscribeByLinkToken(deps, token);
    if (result) done.push(result);
  }
  if (done.length === 0) throw new InputError('unknown unsubscribe address (the link token matches no subscription)');
  return done;
}
