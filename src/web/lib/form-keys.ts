import type { KeyboardEvent } from 'react';

/**
 * Enter in a one-line field of a multi-field form must not send the form half filled: an agent
 * pressing Enter after the subject, or to confirm a date in a picker, expects to carry on typing.
 * The browser's implicit submission is cancelled for inputs; text areas keep their new lines and
 * buttons keep Enter. Ctrl+Enter (⌘+Enter) submits through `submit` when one is given.
 */
export function enterDoesNotSubmit(submit?: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey) {
      if (!submit) return;
      e.preventDefault();
      submit();
      return;
    }
    if (e.target instanceof HTMLInputElement) e.preventDefault();
  };
}
