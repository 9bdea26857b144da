import { describe, expect, it } from 'vitest';
import { dedupeEvents, parseEventMessage } from '../../src/events';
import { egEvent } from './helpers';

describe('dedupeEvents', () => {
  it('drops repeated ids, keeping the first, in order', () => {
    const events = parseEventMessage([
      egEvent({ id: 'a', data: { correlationId: 'first' } }),
      egEvent({ id: 'b' }),
      egEvent({ id: 'a', data: { correlationId: 'second' } }),
      { id: 'b', eventType: 'Microsoft.Storage.BlobCreated', subject: '/x', eventTime: '2025-05-01T10:00:00Z', data: {} },
      egEvent({ id: 'c' }),
    ]);
    const out = dedupeEvents(events);
    expect(out.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(out[0]).toMatchObject({ correlationId: 'first' });
    expect(dedupeEvents([])).toEqual([]);
  });
});
