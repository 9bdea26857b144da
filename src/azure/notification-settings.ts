import type { TokenCredential } from '@azure/core-auth';
import { eventGridPublisher, type NotificationPublisher } from './notification-publisher';

export const NOTIFY_TOPIC_SETTING = 'AMLGUARD_NOTIFY_TOPIC_ENDPOINT';

/** The topic endpoint from AMLGUARD_NOTIFY_TOPIC_ENDPOINT: an https URL, or unset (no notifications). A bad value names the variable. */
export function notifyTopicEndpoint(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const raw = env[NOTIFY_TOPIC_SETTING]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${NOTIFY_TOPIC_SETTING}: ${JSON.stringify(raw.slice(0, 200))} is not a URL (expected https://<topic>.<region>-1.eventgrid.azure.net/api/events)`);
  }
  if (url.protocol !== 'https:') throw new Error(`${NOTIFY_TOPIC_SETTING}: ${JSON.stringify(raw.slice(0, 200))} must be an https URL`);
  return url.href;
}

/** `{ notifications }` for the context when the topic is configured, else `{}`. */
export function notificationsFromEnv(env: Readonly<Record<string, string | undefined>>, credential: TokenCredential): { notifications?: NotificationPublisher } {
  const endpoint = notifyTopicEndpoint(env);
  return endpoint ? { notifications: eventGridPublisher({ endpoint, credential }) } : {};
}
