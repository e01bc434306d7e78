import type { Viewer } from '../../domain/account';
import { ForbiddenError } from '../../domain/forbidden-error';

/** Throws ForbiddenError unless the viewer may write comments: not banned, email confirmed. */
export function assertCanComment(viewer: Viewer): void {
  if (viewer.isBanned) throw new ForbiddenError('Your account is banned; you cannot comment.');
  if (!viewer.isVerified) throw new ForbiddenError('Confirm your email address to comment: follow the link in the mail we sent you.');
}
