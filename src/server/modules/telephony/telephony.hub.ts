import type { Deps } from '../../app/context';
import { liveHubOf, type LiveEvent, type LiveStreamHandle } from '../../app/live';

/**
 * Caller pop-ups, keyed by user id: each open SSE stream of a person subscribes, a ringing call
 * publishes to the agent it rings for (IN-3). Built on the live hub (app/live.ts): the call is
 * posted to any instance and pops on whichever instance holds the agent's stream, through
 * PostgreSQL LISTEN/NOTIFY; a stream reconnecting with Last-Event-ID gets what it missed.
 */
export interface CallHub {
  subscribe(
    userId: string,
    lastEventId: number | null,
    listener: (event: LiveEvent) => void,
  ): Promise<LiveStreamHandle>;
  /** Delivers to every open stream of the person, on any instance; answers how many streams are open. */
  publish(userId: string, event: { type: string; data: unknown }): Promise<number>;
  /** Streams this instance holds (all people). */
  size(): number;
}

const TOPIC = 'telephony';

export function createCallHub(deps: Pick<Deps, 'database' | 'db' | 'logger'>): CallHub {
  const live = liveHubOf(deps);
  return {
    subscribe: (userId, lastEventId, listener) => live.open(TOPIC, userId, lastEventId, listener),
    publish: async (userId, event) => (await live.publish(TOPIC, userId, event.type, event.data)).streams,
    size: () => live.localStreams(),
  };
}
