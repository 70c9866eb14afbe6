import { useEffect, useState } from 'react';
import type { CallState, IncomingCall, StreamStatus } from './call-types';
import { TELEPHONY } from './call-types';

type Listener = (call: IncomingCall) => void;
const listeners = new Set<Listener>();

/** Lets other screens (the agent desk) react to the same ringing calls the pop-up shows. */
export function subscribeToCalls(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

type StateListener = (state: CallState) => void;
const stateListeners = new Set<StateListener>();

/** A call was answered or ended (by the exchange, the caller or the agent's 挂断). */
export function subscribeToCallStates(listener: StateListener): () => void {
  stateListeners.add(listener);
  return () => void stateListeners.delete(listener);
}

/**
 * Keeps one EventSource open to the call stream while `enabled`, and hands every ringing call to
 * the subscribers. EventSource reconnects by itself after a dropped connection or a restart.
 */
export function useCallStream(enabled: boolean): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`${TELEPHONY}/stream`, { withCredentials: true });
    source.onopen = () => setStatus('open');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    source.addEventListener('call', (event: MessageEvent<string>) => {
      let call: IncomingCall;
      try {
        call = JSON.parse(event.data) as IncomingCall;
      } catch {
        return;
      }
      for (const listener of listeners) listener(call);
    });
    source.addEventListener('call_state', (event: MessageEvent<string>) => {
      let state: CallState;
      try {
        state = JSON.parse(event.data) as CallState;
      } catch {
        return;
      }
      for (const listener of stateListeners) listener(state);
    });
    return () => source.close();
  }, [enabled]);
  return status;
}
