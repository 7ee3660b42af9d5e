/** Names a rule in config messages by its id when it has one, else by its position in the file. */
export function ruleLabel(raw: unknown, position: number): string {
  const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['id'] : undefined
  return typeof id === 'string' && id.length > 0 ? `rule ${id}` : `rules[${position}]`
}
