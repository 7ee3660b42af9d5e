import { pino, type Logger } from 'pino'

/**
 * The root logger: one JSON line per run event on stderr (stdout stays free for data). No
 * document text is ever logged; ids and file names are, with control characters escaped by JSON.
 */
export function createLogger(level: string = process.env['DECRUFT_LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name: 'decruft', level, base: undefined }, pino.destination({ fd: 2, sync: true }))
}
