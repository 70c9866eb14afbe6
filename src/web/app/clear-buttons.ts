import i18n from '../i18n';

const CLEAR_BUTTON = 'button.ant-select-clear';

/**
 * A select's clear button (×) is a real button, so it takes a Tab stop of its own — but only while
 * the field holds a value. An agent tabbing through intake from a known caller then lands on an
 * invisible button, and Enter there wipes the matched customer. The button stays for the mouse;
 * the keyboard skips it (the value is replaced by typing), and it is named in the page's language.
 */
export function keepClearButtonsOutOfTabOrder(root: HTMLElement): void {
  const mark = (button: Element) => {
    button.setAttribute('tabindex', '-1');
    button.setAttribute('aria-label', i18n.t('common.clear'));
  };
  const sweep = (node: Element) => {
    if (node.matches(CLEAR_BUTTON)) mark(node);
    node.querySelectorAll(CLEAR_BUTTON).forEach(mark);
  };
  sweep(root);
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element) sweep(node);
  }).observe(root, { childList: true, subtree: true });
}
