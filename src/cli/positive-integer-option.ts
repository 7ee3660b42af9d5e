import { InvalidArgumentError } from 'commander'

/** Parses a command-line count such as `--concurrency 4`: a whole number of at least 1, else a usage error. */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1')
  return n
}
