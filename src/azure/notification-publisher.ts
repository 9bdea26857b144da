/**
 * Publishes notifications as CloudEvents 1.0 to an Event Grid custom topic with the official
 * `EventGridPublisherClient` and a token credential (managed identity in production: the
 * identity holds `EventGrid Data Sender` on the topic; the sandbox's topic checks the token too).
 */
import type { TokenCredential } from '@azure/core-auth';
import { EventGridPublisherClient, type SendCloudEventInput } from '@azure/eventgrid';
import { NOTIFICATION_SOURCE, type Notification, type NotificationData } from '../model';

export interface NotificationPublisher {
  /** Sends the batch; throws when the topic does not accept it (after the client's bounded retries). */
  publish(batch: readonly Notification[]): Promise<void>;
}

export interface TopicConnection {
  /** `https://<topic>.<region>-1.eventgrid.azure.net/api/events` (or the sandbox's topic URL). */
  readonly endpoint: string;
  readonly credential: TokenCredential;
  /** PEM of an extra CA to trust (the sandbox). */
  readonly ca?: string;
  /** Retries inside one publish (default 2): a longer outage goes to the outbox, not into the caller's time. */
  readonly maxRetries?: number;
}

export function eventGridPublisher(conn: TopicConnection): NotificationPublisher {
  const client = new EventGridPublisherClient(conn.endpoint, 'CloudEvent', conn.credential, {
    ...(conn.ca ? { tlsOptions: { ca: conn.ca } } : {}),
    retryOptions: { maxRetries: conn.maxRetries ?? 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    userAgentOptions: { userAgentPrefix: 'aml-guard' },
  });
  return {
    async publish(batch) {
      if (batch.length === 0) return;
      const events: SendCloudEventInput<NotificationData>[] = batch.map((n) => ({
        id: n.id,
        type: n.type,
        source: NOTIFICATION_SOURCE,
        subject: n.subject,
        time: new Date(n.time),
        datacontenttype: 'application/json',
        data: n.data,
      }));
      await client.send(events);
    },
  };
}
