import { InvalidArgumentError } from 'commander'

/** Parses a command-line count such as `--concurrency 4`: a whole number of at least 1, else a usage error. */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1')
  return n
}

/** Parses a command-line count where 0 means "none", such as `--workers 0`: a whole number of at least 0. */
export function nonNegativeInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of at least 0')
  return n
}
