import { createHash, randomBytes } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { describeLockHolder, type LockHolder } from './lock-holder.js'
import { StateLockedError } from './state-locked-error.js'

/** The points of a takeover where `onTakeoverStep` is called (tests interleave racing takers there). */
export type TakeoverStep = 'judged-stale' | 'claimed'

/** What `acquireStateLock` can be told. */
export interface AcquireStateLockOptions {
  /** Written into the lock file so a blocked run can name the run that holds it. */
  readonly runId?: string
  /** How old an unreadable lock (or claim) file must be before it counts as abandoned (default 10 s). */
  readonly graceMs?: number
  /** For tests: called at each takeover step, to run a competing taker exactly there. */
  readonly onTakeoverStep?: (step: TakeoverStep) => void
}

/** A held state lock. */
export interface StateLock {
  /** The lock file, `<state>.lock`. */
  readonly path: string
  readonly holder: LockHolder
  /** Set when this lock replaced a stale one: the dead holder, or undefined holder for an unreadable file. */
  readonly tookOver?: { readonly holder: LockHolder | undefined }
  /** Removes the lock file if it is still this lock's (never another's); true when it removed it. Idempotent. */
  release(): boolean
}

/** One version of a lock (or claim) file: which file it is (device, inode) and what it says. */
interface FileVersion {
  readonly dev: bigint
  readonly ino: bigint
  readonly mtimeMs: number
  readonly bytes: Buffer
  readonly holder: LockHolder | undefined
}

type TakeoverResult =
  | { readonly kind: 'won'; readonly version: FileVersion }
  | { readonly kind: 'lost'; readonly claimant: LockHolder | undefined }
  | { readonly kind: 'changed' }

const DEFAULT_GRACE_MS = 10_000
/** Rounds of "create, else inspect and take over" before giving up on a lock file that keeps changing. */
const MAX_ATTEMPTS = 8
/** Claim levels per stale version: each further level needs every lower claimant dead. */
const MAX_CLAIM_LEVELS = 16

/**
 * Takes the lock that lets one run at a time use the run state at `statePath`: the file
 * `<state>.lock`, created exclusively (`wx`) and holding `{pid, hostname, startedAt, runId?}`.
 *
 * When the file exists and its holder is alive, or on another host (this process cannot tell
 * whether it is alive, so it is never taken over automatically), or the file is unreadable but
 * younger than the grace period (it may be being written), throws StateLockedError naming the
 * holder and the file. When the holder is on this host and its pid is gone (ESRCH), or the file
 * is unreadable and older than the grace period, the lock is stale and is taken over:
 *
 * 1. the taker writes its lock file under a temporary name;
 * 2. it claims this exact version of the stale file (device, inode and bytes, hashed into a
 *    name) by creating `<lock>.takeover-<hash>.1` with `wx`: of racing takers exactly one
 *    creates it; the others find a live claimant and throw StateLockedError. A claim whose
 *    claimant died is never deleted (deleting would race) but passed over: the next taker
 *    claims level 2, which again only one can create;
 * 3. holding the claim, it reads the lock again and, only if it is still that stale version,
 *    renames its temporary file over it (an atomic replace). Any other taker of the same
 *    version needs the claim first, and a taker that gets it later finds the lock changed.
 * 4. once the lock is no longer that version, it removes its claim and the dead ones below
 *    (while the lock is still that version, claims are never removed, so a claimant passed
 *    over as dead cannot have been replaced by a live one).
 *
 * Synchronous, so nothing else in the process runs in between. Release with `release()`.
 */
export function acquireStateLock(statePath: string, options: AcquireStateLockOptions = {}): StateLock {
  const lockPath = `${statePath}.lock`
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS
  mkdirSync(dirname(lockPath), { recursive: true })
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
  }
  const bytes = Buffer.from(`${JSON.stringify(holder)}\n`)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const created = createExclusive(lockPath, bytes)
    if (created) {
      sweepLeftovers(lockPath, graceMs)
      return heldLock(lockPath, holder, created, undefined)
    }
    const seen = readVersion(lockPath)
    if (!seen) continue // released meanwhile: try to create it again
    judgeStale(lockPath, seen, graceMs)
    options.onTakeoverStep?.('judged-stale')
    const result = takeOver(lockPath, seen, bytes, graceMs, options.onTakeoverStep)
    if (result.kind === 'won') {
      sweepLeftovers(lockPath, graceMs)
      return heldLock(lockPath, holder, result.version, { holder: seen.holder })
    }
    if (result.kind === 'lost') {
      const stale = seen.holder ? `the stale lock of ${describeLockHolder(seen.holder)}` : 'an unreadable stale lock'
      const claimant = result.claimant ? describeLockHolder(result.claimant) : 'another process (its claim file is unreadable)'
      throw new StateLockedError(lockPath, result.claimant, `the run state is locked: ${claimant} is taking over ${stale} in ${lockPath}; try again later`)
    }
  }
  throw new StateLockedError(lockPath, undefined, `the run state is locked: ${lockPath} kept changing while this process tried to take it; try again later`)
}

/** The handle of a lock this process holds as `version`. */
function heldLock(lockPath: string, holder: LockHolder, version: FileVersion, tookOver: StateLock['tookOver']): StateLock {
  let released = false
  return {
    path: lockPath,
    holder,
    ...(tookOver ? { tookOver } : {}),
    release(): boolean {
      if (released) return false
      released = true
      const current = readVersion(lockPath)
      if (!current || !sameVersion(current, version)) return false
      return unlinkIfPresent(lockPath)
    },
  }
}

/** Throws StateLockedError unless the lock file `seen` is stale (see `acquireStateLock`). */
function judgeStale(lockPath: string, seen: FileVersion, graceMs: number): void {
  const { holder } = seen
  if (!holder) {
    const age = Date.now() - seen.mtimeMs
    if (age >= graceMs) return
    throw new StateLockedError(
      lockPath,
      undefined,
      `the run state is locked: ${lockPath} is unreadable (being written, or damaged) and less than ${graceMs / 1000} s old; ` +
        'try again shortly, or delete it by hand if no run is active',
    )
  }
  if (holder.hostname !== hostname()) {
    throw new StateLockedError(
      lockPath,
      holder,
      `the run state is locked by ${describeLockHolder(holder)} (lock file ${lockPath}). That host is not this one (${hostname()}), so ` +
        `whether that run is still alive cannot be checked and a lock from another host is never taken over automatically: ` +
        `if no run is active there, delete ${lockPath} by hand`,
    )
  }
  if (isAlive(holder.pid)) {
    throw new StateLockedError(lockPath, holder, `the run state is locked by ${describeLockHolder(holder)}, which is still running (lock file ${lockPath}); wait for it to finish`)
  }
}

/**
 * Replaces the stale lock `seen` with `bytes` unless another taker does first; see
 * `acquireStateLock`. Claims on a version are removed only once the lock is known to have
 * changed from it (after our rename, or when we find it changed): while the lock is still that
 * version its claim files never disappear, which is what makes passing over dead claimants safe.
 * On an unexpected error the claim stays; it counts as dead once this process has exited.
 */
function takeOver(lockPath: string, seen: FileVersion, bytes: Buffer, graceMs: number, onStep: AcquireStateLockOptions['onTakeoverStep']): TakeoverResult {
  const tempPath = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const temp = createExclusive(tempPath, bytes)
  if (!temp) throw new Error(`acquireStateLock: temporary file ${tempPath} already exists`)
  let renamed = false
  try {
    const claimBase = `${lockPath}.takeover-${versionKey(seen)}`
    const claim = claimVersion(claimBase, bytes, graceMs)
    if (claim.kind !== 'claimed') return claim
    onStep?.('claimed')
    const current = readVersion(lockPath)
    if (current && sameVersion(current, seen)) {
      renameSync(tempPath, lockPath)
      renamed = true
    }
    // The lock is no longer `seen` now: its claims (ours and the dead ones below) are garbage.
    for (let level = claim.level; level >= 1; level--) unlinkIfPresent(`${claimBase}.${level}`)
    return renamed ? { kind: 'won', version: temp } : { kind: 'changed' }
  } finally {
    if (!renamed) unlinkIfPresent(tempPath)
  }
}

/**
 * Creates the first free claim `<base>.<level>` whose lower levels all belong to dead
 * claimants; a live (or unknown) claimant below means another taker is at work.
 */
function claimVersion(base: string, bytes: Buffer, graceMs: number): { kind: 'claimed'; level: number } | { kind: 'lost'; claimant: LockHolder | undefined } | { kind: 'changed' } {
  for (let level = 1; level <= MAX_CLAIM_LEVELS; level++) {
    const path = `${base}.${level}`
    if (createExclusive(path, bytes)) return { kind: 'claimed', level }
    const claim = readVersion(path)
    // Removed meanwhile: its claimant finished (and the lock has probably changed), so look again.
    if (!claim) return { kind: 'changed' }
    const dead = claim.holder
      ? claim.holder.hostname === hostname() && !isAlive(claim.holder.pid)
      : Date.now() - claim.mtimeMs >= graceMs
    if (!dead) return { kind: 'lost', claimant: claim.holder }
  }
  return { kind: 'lost', claimant: undefined }
}

/**
 * Removes what takers that died mid-takeover left beside the lock, once this process holds it:
 * every claim (claims only matter while the lock is the version they name, and it is now ours)
 * and temporary lock files older than the grace period. Best effort: errors are ignored.
 */
function sweepLeftovers(lockPath: string, graceMs: number): void {
  const dir = dirname(lockPath)
  const prefix = `${basename(lockPath)}.`
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(prefix)) continue
      const path = join(dir, name)
      if (name.slice(prefix.length).startsWith('takeover-')) unlinkIfPresent(path)
      else if (name.endsWith('.tmp') && Date.now() - statSync(path).mtimeMs >= graceMs) unlinkIfPresent(path)
    }
  } catch {
    // Leftovers are harmless; a later run sweeps again.
  }
}

/** Whether a process with this pid exists on this host (EPERM: it exists, under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/** Creates `path` with `wx` and writes all of `bytes`; undefined when it already exists. */
function createExclusive(path: string, bytes: Buffer): FileVersion | undefined {
  let fd: number
  try {
    fd = openSync(path, 'wx', 0o644)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined
    throw error
  }
  let version: FileVersion
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done)
    const stat = fstatSync(fd, { bigint: true })
    version = { dev: stat.dev, ino: stat.ino, mtimeMs: Number(stat.mtimeMs), bytes, holder: parseHolder(bytes) }
  } catch (error) {
    closeSync(fd)
    unlinkIfPresent(path)
    throw error
  }
  closeSync(fd)
  return version
}

/** The current version of a lock or claim file, or undefined when there is none. */
function readVersion(path: string): FileVersion | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    const stat = fstatSync(fd, { bigint: true })
    const bytes = readFileSync(fd)
    return { dev: stat.dev, ino: stat.ino, mtimeMs: Number(stat.mtimeMs), bytes, holder: parseHolder(bytes) }
  } finally {
    closeSync(fd)
  }
}

/** The holder a lock file names, or undefined when it is not a complete, well-formed lock. */
function parseHolder(bytes: Buffer): LockHolder | undefined {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { pid, hostname: host, startedAt, runId } = value as Record<string, unknown>
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return undefined
  if (typeof host !== 'string' || host.length === 0 || typeof startedAt !== 'string') return undefined
  if (runId !== undefined && typeof runId !== 'string') return undefined
  return { pid, hostname: host, startedAt, ...(runId === undefined ? {} : { runId }) }
}

function sameVersion(a: FileVersion, b: FileVersion): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.bytes.equals(b.bytes)
}

/** A name for one version of the lock file, the same for every taker that read that version. */
function versionKey(version: FileVersion): string {
  return createHash('sha256').update(`${version.dev}:${version.ino}:`).update(version.bytes).digest('hex').slice(0, 24)
}

function unlinkIfPresent(path: string): boolean {
  try {
    unlinkSync(path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
