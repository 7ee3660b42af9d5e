import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * How the manifest names a rule file: relative to the pipeline file's folder (with `/`) when the
 * file sits under it, so a copied configuration lists the same paths; otherwise absolute, so a
 * rule folder given elsewhere (`--rules DIR`) is still found.
 */
export function ruleFilePath(configDir: string, file: string): string {
  const absolute = resolve(file)
  const rel = relative(resolve(configDir), absolute)
  const under = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
  return under ? rel.split(sep).join('/') : absolute
}
