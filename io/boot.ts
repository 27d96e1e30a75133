import { ConfigError } from '../config/settings.js'

/** A bad configuration stops the process before anything starts, naming every problem. */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load()
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee .env.example for every variable. 参见 .env.example。\n`)
      process.exit(78) // EX_CONFIG
    }
    throw e
  }
}
