import type { Deps } from '../../deps';
import { parseUsername } from '../../domain/account';
import { findUserProfile, listUserSubmissions, type Submission, type UserProfile } from '../../storage/repos/user-directory-repo';

const SUBMISSIONS_SHOWN = 100;

/** A public profile with the user's latest submissions; null when no such user. Bad names are InputErrors. */
export async function getUserProfile(deps: Deps, usernameInput: unknown): Promise<{ profile: UserProfile; submissions: Submission[] } | null> {
  const profile = await findUserProfile(deps.db, parseUsername(usernameInput));
  if (!profile) return null;
  return { profile, submissions: await listUserSubmissions(deps.db, profile.id, SUBMISSIONS_SHOWN) };
}
