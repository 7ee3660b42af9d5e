/**
 * The part of `text` around the first occurrence of `snippet`: up to `radius` characters on
 * each side, cut at word boundaries, with an ellipsis where text was left out. Lets a failure
 * message show where a snippet ended up without printing a whole document. Returns undefined
 * when `text` does not contain `snippet`.
 */
export function textAround(text: string, snippet: string, radius = 40): string | undefined {
  const at = text.indexOf(snippet)
  if (at < 0) return undefined
  let start = Math.max(0, at - radius)
  let end = Math.min(text.length, at + snippet.length + radius)
  if (start > 0) {
    const space = text.indexOf(' ', start)
    if (space >= 0 && space < at) start = space + 1
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end)
    if (space >= at + snippet.length) end = space
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}
