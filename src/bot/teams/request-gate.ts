// Who may reach the Teams turn at all, after the activity is well formed: in local mode only this
// machine (there is no authentication), and in either mode only the tenants Quorum serves.
import { isLoopbackHost } from '../../config.js';
import type { HttpRequest } from '../../server.js';
import type { TeamsActivity } from './activity-schema.js';

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/**
 * Local mode binds to loopback (config.ts refuses any other HOST); these checks hold even so. A web
 * page in the developer's browser can POST to localhost: a JSON content type forces a CORS
 * preflight we never answer, and checking Host and Origin defeats DNS rebinding. Replies go to the
 * activity's serviceUrl, so that must be on this machine too (the playground is).
 */
export function checkLocalRequest(req: HttpRequest, activity: TeamsActivity): Refusal | null {
  if (!isLoopbackHost(req.raw.socket.remoteAddress ?? '')) return localOnly('TEAMS_LOCAL_REMOTE_PEER');
  if (!isLoopbackHost(hostnameOf(header(req, 'host')))) return localOnly('TEAMS_LOCAL_HOST_HEADER');
  const origin = header(req, 'origin');
  if (origin && !isLoopbackHost(urlHostname(origin))) return localOnly('TEAMS_LOCAL_ORIGIN');
  if (!/^application\/json\b/i.test(header(req, 'content-type'))) {
    return { status: 415, code: 'TEAMS_LOCAL_CONTENT_TYPE', message: 'Send the activity as application/json.' };
  }
  if (!isLoopbackHost(urlHostname(activity.serviceUrl))) {
    return { status: 400, code: 'TEAMS_LOCAL_SERVICE_URL', message: 'In local mode Quorum replies only to a connector on this machine (serviceUrl on localhost).' };
  }
  return null;
}

/** The tenant an activity says it comes from; Teams sets both places, and they must agree. */
export function tenantOf(activity: TeamsActivity): string | undefined {
  const fromChannelData = activity.channelData?.tenant?.id?.toLowerCase();
  const fromConversation = activity.conversation.tenantId?.toLowerCase();
  if (fromChannelData && fromConversation && fromChannelData !== fromConversation) return undefined;
  return fromChannelData || fromConversation || undefined;
}

/**
 * With Bot Framework authentication an allowed list always exists (config.ts requires one). In
 * local mode an empty list lets the playground's made-up tenant in.
 */
export function checkTenant(activity: TeamsActivity, allowed: ReadonlySet<string>): Refusal | null {
  if (allowed.size === 0) return null;
  const tenant = tenantOf(activity);
  if (tenant && allowed.has(tenant)) return null;
  return { status: 403, code: 'TEAMS_TENANT_NOT_ALLOWED', message: 'This Microsoft 365 tenant is not connected to Quorum.' };
}

function localOnly(code: string): Refusal {
  return { status: 403, code, message: 'Teams local mode answers requests from this machine only.' };
}

function header(req: HttpRequest, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** "127.0.0.1:3978" → "127.0.0.1", "[::1]:3978" → "::1". */
function hostnameOf(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!;
  return hostHeader.replace(/:\d+$/, '');
}

function urlHostname(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
