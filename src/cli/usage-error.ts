/** Bad input on the command line or in a file it names: exit 2, message on stderr, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
