import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * One pino logger per process; children carry requestId / jobId / tenantId.
 * Secrets never reach the logs: the redact list covers every place a token or key can travel.
 */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'access_token', '*.access_token', 'token', '*.token', 'secret', '*.secret', 'password', '*.password',
        'req.headers.cookie', 'req.headers.authorization', 'query.access_token', 'settings.WECOM_SECRET',
        'settings.SESSION_SECRET', 'settings.WECOM_AES_KEY', 'settings.WECOM_TOKEN',
      ],
      censor: '[redacted]',
    },
  })
}
