// Bad input on the command line: exit code 2 (src/cli/main.ts). A module of its own, so that
// reading the command line loads nothing else.
export class UsageError extends Error {
  readonly code = 'USAGE';
}
