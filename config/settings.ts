import { z } from 'zod'

// z.coerce.boolean() reads "false" as true; only the two literal spellings are accepted.
const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true')
const optionalUrl = z.string().url().optional()
const port = z.coerce.number().int().min(0).max(65535)

export const SettingsSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: optionalUrl,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z.string().url().refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    REDIS_URL: z.string().url().refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// URL').optional(),
    QUEUE_BACKEND: z.enum(['redis', 'postgres']).optional(),
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('salespath'),
    SESSION_SECRET: z.string().min(32, 'at least 32 characters'),
    SWEEP_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    CALLBACK_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
    TZ_DEFAULT: z.string().default('Asia/Shanghai'),
    /** Where raw evidence (photos, voice, quote images) is kept, by content hash. */
    STORAGE_DIR: z.string().min(1).default('.data/attachments'),
    // auto: PP-OCR when its models are installed and memory allows, else tesseract.js (a tenant may override it)
    OCR_ENGINE: z.enum(['paddle', 'tesseract', 'auto']).default('auto'),
    WECOM_ENABLED: flag,
    WECOM_CORP_ID: z.string().min(1).optional(),
    WECOM_AGENT_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
    WECOM_SECRET: z.string().min(1).optional(),
    WECOM_TOKEN: z.string().min(1).optional(),
    WECOM_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'exactly 43 letters or digits').optional(),
    WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
    WECOM_TRUSTED_DOMAIN: z.string().optional(),
    /** DingTalk internal app (钉钉企业内部应用): the env tenant is on when DINGTALK_APP_KEY is set. */
    DINGTALK_APP_KEY: z.string().min(1).optional(),
    DINGTALK_APP_SECRET: z.string().min(1).optional(),
    DINGTALK_TOKEN: z.string().min(1).optional(),
    DINGTALK_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'exactly 43 letters or digits').optional(),
    DINGTALK_AGENT_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
    /** oapi host (gettoken, topapi); the v1.0 API host defaults to api.dingtalk.com unless this points at a fake. */
    DINGTALK_API_BASE: z.string().url().default('https://oapi.dingtalk.com'),
  })
  .superRefine((s, ctx) => {
    if (s.WECOM_ENABLED) {
      for (const k of ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'] as const) {
        if (!s[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'required when WECOM_ENABLED=true' })
      }
    }
    if (s.DINGTALK_APP_KEY) {
      for (const k of ['DINGTALK_APP_SECRET', 'DINGTALK_TOKEN', 'DINGTALK_AES_KEY', 'DINGTALK_AGENT_ID'] as const) {
        if (!s[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'required when DINGTALK_APP_KEY is set' })
      }
    }
    if (s.QUEUE_BACKEND === 'redis' && !s.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'required when QUEUE_BACKEND=redis' })
    }
  })

export type Settings = z.output<typeof SettingsSchema> & { QUEUE_BACKEND: 'redis' | 'postgres' }

export type SettingsIssue = { variable: string; message: string }

/** Every problem with the environment, all at once, by variable name. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  readonly code = 'CONFIG_INVALID'
  constructor(readonly issues: SettingsIssue[]) {
    super(`Invalid configuration (配置有误):\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`)
  }
}

export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  // Empty strings in .env files mean "not set", as most people writing them expect.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const r = SettingsSchema.safeParse(cleaned)
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => ({ variable: i.path.join('.') || '(root)', message: i.message })))
  }
  const backend = r.data.QUEUE_BACKEND ?? (r.data.REDIS_URL ? 'redis' : 'postgres')
  return { ...r.data, QUEUE_BACKEND: backend }
}
