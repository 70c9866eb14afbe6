import { useCallback, useState } from 'react';

/**
 * Typed text kept in the browser's local storage per user and place (a ticket's reply box, the
 * intake form), so an expired session, a reload or a closed tab never loses what an agent wrote.
 * The key names the user: on a shared desk PC the next person does not see someone else's draft.
 */
const PREFIX = 'kefu.draft';

const storageKey = (userId: string, place: string) => `${PREFIX}.${userId}.${place}`;

export function readDraft<T>(userId: string, place: string): T | null {
  try {
    const raw = window.localStorage.getItem(storageKey(userId, place));
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Stores the draft; an empty one (null, '' or an object of empty values) removes it. */
export function writeDraft(userId: string, place: string, value: unknown): void {
  const empty =
    value === null ||
    value === undefined ||
    value === '' ||
    (typeof value === 'object' &&
      Object.values(value).every((v) => v === undefined || v === null || v === ''));
  try {
    if (empty) window.localStorage.removeItem(storageKey(userId, place));
    else window.localStorage.setItem(storageKey(userId, place), JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the draft lives only on screen, as before.
  }
}

export const clearDraft = (userId: string, place: string) => writeDraft(userId, place, null);

/** A text field's state that survives the page: starts from the stored draft, stores every change. */
export function useTextDraft(userId: string, place: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readDraft<string>(userId, place) ?? '');
  const update = useCallback(
    (next: string) => {
      setText(next);
      writeDraft(userId, place, next);
    },
    [userId, place],
  );
  return [text, update];
}
