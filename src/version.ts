import { readFileSync } from 'node:fs'

/** decruft's version, from package.json (written into manifests so runs can be reproduced). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version
