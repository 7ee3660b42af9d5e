import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js'

let shipped: LoadedConfig | undefined

/** The configuration shipped in config/, loaded once per test file. */
export function shippedConfig(): LoadedConfig {
  shipped ??= loadConfig()
  return shipped
}
