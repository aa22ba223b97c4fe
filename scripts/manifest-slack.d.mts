export class ManifestInputError extends Error {}
export function publicBase(env: Record<string, string | undefined>): string;
export function buildSlackManifest(template: any, env: Record<string, string | undefined>): any;
