import type { Cadence } from '../domain/subscription';
import type { MailMessage } from './mailer';

/**
 * The mails about a subscription itself (not the digests): the double opt-in confirmation and
 * the answer to someone subscribing an address that is subscribed already. Plain text, like the
 * account mails: they carry one link each and must survive any mail client.
 */

const CADENCE_WORDS: Record<Cadence, string> = { daily: 'daily', weekly: 'weekly' };

/** The confirmation mail: nothing is sent to the address until its owner opens the link and presses the button. */
export function confirmSubscriptionMail(input: { to: string; cadence: Cadence; timeZone: string; confirmUrl: string; siteUrl: string }): MailMessage {
  return {
    to: input.to,
    subject: 'Confirm your Paperboy digest subscription',
    text: [
      `Someone (we hope you) asked for the ${CADENCE_WORDS[input.cadence]} digest of trending papers from ${input.siteUrl} at this address (time zone ${input.timeZone}).`,
      '',
      'To start getting it, open this link and press the button on the page (the link works for 7 days):',
      '',
      input.confirmUrl,
      '',
      'If it was not you, ignore this mail: without the button nothing is ever sent to you.',
    ].join('\n'),
  };
}

/**
 * Sent instead of a confirmation when the address is subscribed already: the form's answer is the
 * same either way (nobody learns who subscribes), and the owner gets their preferences link.
 */
export function alreadySubscribedMail(input: { to: string; cadence: Cadence; timeZone: string; manageUrl: string; unsubscribeUrl: string }): MailMessage {
  return {
    to: input.to,
    subject: 'You already get the Paperboy digest',
    text: [
      `Someone (maybe you) asked to subscribe this address to the Paperboy digest. It is subscribed already: you get the ${CADENCE_WORDS[input.cadence]} digest (time zone ${input.timeZone}). Nothing was changed.`,
      '',
      'To change how often you get it, or your time zone:',
      input.manageUrl,
      '',
      'To stop getting it:',
      input.unsubscribeUrl,
    ].join('\n'),
  };
}
