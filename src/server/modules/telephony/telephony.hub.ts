/**
 * In-process pub/sub of caller pop-ups, keyed by user id: each open SSE stream of a person
 * subscribes, a ringing call publishes to the agent it rings for (IN-3).
 *
 * One process only. With several instances behind a load balancer the agent's stream may be held
 * by another instance; publishing then has to go through PostgreSQL LISTEN/NOTIFY (channel per
 * deployment, payload = user id + call id, the listening instance building the card) — not built yet.
 */
export type CallEventListener = (event: { type: string; data: unknown }) => void;

export interface CallHub {
  subscribe(userId: string, listener: CallEventListener): () => void;
  /** Delivers to every open stream of the person; answers how many streams received it. */
  publish(userId: string, event: { type: string; data: unknown }): number;
  /** Streams currently open (all people). */
  size(): number;
}

export function createCallHub(): CallHub {
  const byUser = new Map<string, Set<CallEventListener>>();
  return {
    subscribe(userId, listener) {
      const set = byUser.get(userId) ?? new Set();
      set.add(listener);
      byUser.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) byUser.delete(userId);
      };
    },
    publish(userId, event) {
      const set = byUser.get(userId);
      if (!set) return 0;
      for (const listener of set) listener(event);
      return set.size;
    },
    size: () => [...byUser.values()].reduce((n, s) => n + s.size, 0),
  };
}
