// One wording for a file the CLI cannot read, shared by the commands that read one (import, timeline).
/** What a person needs to hear when a file cannot be read: "no such file", not a parse error. */
export function describeReadError(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory, not a file`;
  if (code === 'EACCES') return `${file}: permission denied`;
  return `${file}: cannot read (${code ?? (err as Error).message})`;
}
