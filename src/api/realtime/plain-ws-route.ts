import type { TaskEventEnvelope } from '../../domain/tasks/task-events.js';

/** The two seed 000 streams: every task of the user, or phone generation/validation tasks only. */
export type PlainWsStream = 'tasks' | 'phone-generation';

export interface PlainWsRoute {
  stream: PlainWsStream;
  userId: string;
}

const ROUTE = /^\/ws\/(tasks|phone-generation)\/([^/]+)\/?$/;

/** `/ws/tasks/<user_id>/` or `/ws/phone-generation/<user_id>/` (trailing slash optional), else null. */
export function matchPlainWsRoute(pathname: string): PlainWsRoute | null {
  const m = ROUTE.exec(pathname);
  if (!m) return null;
  let userId: string;
  try {
    userId = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return { stream: m[1] as PlainWsStream, userId };
}

export function streamCarries(stream: PlainWsStream, envelope: TaskEventEnvelope): boolean {
  return stream === 'tasks' || envelope.kind.startsWith('phone-');
}
