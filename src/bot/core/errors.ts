// Refusals and bad input: a stable code, a message a person can act on, and nothing written.
export class CoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

/** Same words whether the case exists or not: a non-member learns nothing. */
export function notMember(ref: string): CoreError {
  return new CoreError('NOT_A_MEMBER', `You are not a member of case ${ref}. Ask its conference admin if you should be.`);
}

export function notAllowed(what: string): CoreError {
  return new CoreError('NOT_ALLOWED', `Your role on this case does not allow you to ${what}.`);
}

export function usage(message: string): CoreError {
  return new CoreError('BAD_USAGE', message);
}
