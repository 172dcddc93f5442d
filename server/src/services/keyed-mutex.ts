/**
 * Serializes async critical sections per key inside this process.
 *
 * Why: FerretDB v1.24 (SQLite backend) applies an update as read → modify → write-back without isolation,
 * so concurrent updates of ONE document lose writes — measured here: 20 parallel `$inc` left the counter
 * at 1, and 10 of 20 parallel conditional updates "won" (see FerretDB issue #3040). Inserts and unique
 * indexes are atomic. Every read-check-write of a staff account or a refresh-token family goes through
 * this lock, which makes it correct for the single server process that runs embedded FerretDB; on MongoDB
 * the updates are atomic anyway.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
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

/** One lock space for staff accounts (key: user id) and refresh-token families (key: "family:<id>"). */
export const accountLocks = new KeyedMutex();
