// Copying a secret shown once (an integration key, a tracking code) on any browser a citizen or an
// official has: the Clipboard API needs a secure page and the browser's consent, and older WebViews
// (WeChat's, some Android ones) lack it. Where it cannot copy, the text is selected instead, so a
// long press or Ctrl+C copies it, and the caller says so.

/** What happened: copied to the clipboard, or selected on the page for the person to copy. */
export type CopyOutcome = 'copied' | 'selected';

/**
 * Copies `text`; when the clipboard cannot be written, selects the contents of `shown` (the element
 * that shows the text, in a shadow root or not) and answers `selected`. Never throws.
 */
export async function copyText(text: string, shown: Element): Promise<CopyOutcome> {
  try {
    if (!navigator.clipboard) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    const selection = shown.ownerDocument.getSelection();
    const range = shown.ownerDocument.createRange();
    range.selectNodeContents(shown);
    selection?.removeAllRanges();
    selection?.addRange(range);
    return 'selected';
  }
}
