import { idKey } from '../model';

/**
 * Serialises work on one resource within a process: two events about the same workspace
 * (a user's change and the echo of our fix) must not both read "public" and both PATCH.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(resourceId: string, fn: () => Promise<T>): Promise<T> {
    const key = idKey(resourceId);
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

export const resourceLock = new KeyedLock();
