/** The ANSI styles the command line uses. */
const ANSI = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33' } as const

/** A text style of the terminal output. */
export type TerminalStyle = keyof typeof ANSI

/** Paints text in a style, or returns it unchanged when colour is off. */
export type Painter = (style: TerminalStyle, text: string) => string

/**
 * Whether output to this stream should be coloured: only a terminal, and only when NO_COLOR is
 * unset or empty (https://no-color.org), so pipes, files and CI logs stay plain.
 */
export function wantsColor(stream: { readonly isTTY?: boolean }): boolean {
  const noColor = process.env['NO_COLOR']
  return stream.isTTY === true && (noColor === undefined || noColor === '')
}

/** A painter for one output: ANSI codes when `color` is true, plain text otherwise. */
export function painter(color: boolean): Painter {
  return color ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : (_style, text) => text
}
