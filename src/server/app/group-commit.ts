/**
 * Group commit: requests that arrive while earlier ones are being written wait and are written
 * together in the next batch, so a busy moment costs the database one transaction per batch, not
 * one per request. Nothing waits on a timer: a request that finds a writer free goes at once, alone.
 *
 * A batch that fails is written again one item at a time, so each request gets its own answer —
 * its own error, or its success — and never a neighbour's error.
 */
export interface GroupCommitOptions {
  /** Most items in one batch. */
  maxBatch: number;
  /** Batches being written at the same time (each holds one database connection). */
  maxInFlight: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  private readonly queue: Waiting<T, R>[] = [];
  private inFlight = 0;

  /** `write` answers one result per item, in the order given, or throws for the whole batch. */
  constructor(
    private readonly write: (batch: readonly T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.writeBatch(batch).finally(() => {
        this.inFlight--;
        this.startBatches();
      });
    }
  }

  private async writeBatch(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // Which item broke the batch is not known: each is written alone and answered for itself.
      for (const w of batch) {
        try {
          const [result] = await this.write([w.item]);
          w.resolve(result!);
        } catch (single) {
          w.reject(single);
        }
      }
    }
  }
}
