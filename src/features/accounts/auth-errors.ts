/** Wrong credentials. Always the same message, whichever part was wrong. Becomes a 401. */
export class LoginFailedError extends Error {
  override name = 'LoginFailedError';
  readonly status = 401;
  constructor() {
    super('That user name or email and password do not match an account.');
  }
}

/** The account exists and the password was right, but it is banned. Becomes a 403. */
export class AccountBannedError extends Error {
  override name = 'AccountBannedError';
  readonly status = 403;
  constructor() {
    super('This account has been banned by the moderators (see the moderation log).');
  }
}
