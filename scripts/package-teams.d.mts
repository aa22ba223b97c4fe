export function buildManifest(template: any, env: Record<string, string | undefined>, version?: string): any;
export function packageTeams(env?: Record<string, string | undefined>, outFile?: string): { outFile: string; manifest: any; placeholderBotId: boolean };
