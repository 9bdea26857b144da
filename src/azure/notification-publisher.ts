/**
 * Publishes notifications as CloudEvents 1.0 to an Event Grid custom topic with the official
 * `EventGridPublisherClient` and a token credential (managed identity in production: the
 * identity holds `EventGrid Data Sender` on the topic; the sandbox's topic checks the token too).
 */
import type { TokenCredential } from '@azure/core-auth';
import { isRestError } from '@azure/core-rest-pipeline';
import { EventGridPublisherClient, type SendCloudEventInput } from '@azure/eventgrid';
import { NOTIFICATION_SOURCE, type Notification, type NotificationData } from '../model';

export interface NotificationPublisher {
  /** Sends the batch; throws NotificationRefused when the topic does not accept it (after the client's bounded retries). */
  publish(batch: readonly Notification[]): Promise<void>;
}

/**
 * Why the topic did not take a batch: `rejected` (400 / 413: this batch will never be accepted
 * as it is) or `unavailable` (anything else: network, 5xx, throttling, auth; worth trying later).
 */
export class NotificationRefused extends Error {
  override name = 'NotificationRefused';
  constructor(
    readonly kind: 'rejected' | 'unavailable',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

function refused(error: unknown): NotificationRefused {
  const status = isRestError(error) ? error.statusCode : undefined;
  const message = `${status ? `${status} ` : ''}${error instanceof Error ? error.message : String(error)}`;
  return new NotificationRefused(status === 400 || status === 413 ? 'rejected' : 'unavailable', message, { cause: error });
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
      try {
        await client.send(events);
      } catch (error) {
        throw refused(error);
      }
    },
  };
}
