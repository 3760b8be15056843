import { z } from 'zod';
import path from 'node:path';

/** The task queues a worker process can serve; `WORKER_TASK_QUEUES` picks some of them. */
export const TASK_QUEUE_NAMES = ['bulk', 'messaging'] as const;
export type TaskQueueName = (typeof TASK_QUEUE_NAMES)[number];

const port = (fallback: number) =>
  z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535').default(fallback);

const optionalUrl = (protocols: string[], hint: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), { message: hint });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(8000),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://'], 'must be a postgres:// or postgresql:// URL'),
  DATABASE_APP_URL: optionalUrl(['postgres://', 'postgresql://'], 'must be a postgres:// or postgresql:// URL'),
  DATABASE_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('switchboard_app'),
  DATABASE_APP_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^[\w.-]+:\d{1,5}$/.test(v), { message: 'must be host:port, e.g. localhost:7233' }),
  TEMPORAL_NAMESPACE: z.string().min(1, 'must not be empty').default('default'),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TASK_QUEUE_PREFIX: z.string().default('switchboard'),
  WORKER_TASK_QUEUES: z
    .string()
    .default('bulk,messaging')
    .transform((v) => [...new Set(v.split(',').map((q) => q.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(TASK_QUEUE_NAMES, { error: 'must list bulk and/or messaging, comma-separated' })).min(1, 'must name at least one of bulk, messaging')),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./.data'),
  EMBEDDED_PG_PORT: port(5433),
  PUBLIC_BASE_URL: optionalUrl(['http://', 'https://'], 'must be an http:// or https:// URL'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  JWT_REFRESH_TTL_SECONDS: z.coerce.number().int().positive().default(14 * 24 * 3600),
  LOGIN_ATTEMPTS_PER_HOUR: z.coerce.number().int().positive().default(5),
  LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: z.coerce.number().int().positive().default(10),
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(10),
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(3),
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(10),
  REGISTRATIONS_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(5),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 1mb or 512kb').default('1mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_API_BASE_URL: optionalUrl(['http://', 'https://'], 'must be an http:// or https:// URL'),
  TWILIO_MESSAGING_SERVICE_SID: z.string().optional().transform((v) => (v === '' ? undefined : v)),
  SIMULATED_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SIMULATED_SMS_CALLBACKS: z.enum(['true', 'false', '1', '0']).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  RATE_LIMIT_SMS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_CONTACTS_PER_MINUTE: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_CAMPAIGNS_PER_MINUTE: z.coerce.number().int().positive().default(50),
  RATE_LIMIT_BULK_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_DEFAULT_PER_HOUR: z.coerce.number().int().positive().default(1000),
  RATE_LIMIT_ANONYMOUS_PER_HOUR: z.coerce.number().int().positive().default(1000),
  RAZORPAY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  OPENAI_API_KEY: z.string().optional().transform((v) => (v === '' ? undefined : v)),
  OPENAI_BASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url('must be an http:// or https:// URL').default('https://api.openai.com/v1')),
  OPENAI_MODEL: z.string().min(1, 'must not be empty').default('gpt-4o-mini'),
  HOUSEKEEPING_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  UPLOAD_TTL_HOURS: z.coerce.number().positive().default(24),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean))
    .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), { message: 'must be a comma-separated list of origins like https://app.example.com, or *' }),
  COMPRESSION: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(25),
  WORKER_HEALTH_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535').optional(),
  ),
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(20),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://'], 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587'),
  MAIL_FROM: z.string().min(3, 'must be an address, e.g. Switchboard <no-reply@example.com>').optional(),
  ALLOW_SIMULATED_PROVIDERS: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
});

/** Secrets production must be given: elsewhere each is generated per install (see install-secret.ts). */
const REQUIRED_IN_PRODUCTION = ['RAZORPAY_WEBHOOK_SECRET'] as const;

const missingInProduction = (env: NodeJS.ProcessEnv) =>
  env.NODE_ENV === 'production' ? REQUIRED_IN_PRODUCTION.filter((name) => !env[name]).map((name) => `${name}: required when NODE_ENV=production`) : [];

export type Config = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function toConfig(env: z.infer<typeof schema>) {
  const dataDir = path.resolve(env.DATA_DIR);
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    /** The owner's URL: migrations (and, unless DATABASE_APP_URL is given, the host of the app role). */
    databaseUrl: env.DATABASE_URL,
    database: {
      /** What the API and workers connect with; derived from DATABASE_URL and the role below when unset. */
      appUrl: env.DATABASE_APP_URL,
      appRole: env.DATABASE_APP_ROLE,
      appPassword: env.DATABASE_APP_PASSWORD,
    },
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      uiPort: env.TEMPORAL_UI_PORT,
      devPort: env.TEMPORAL_DEV_PORT,
      cliPath: env.TEMPORAL_CLI_PATH,
      /** The worker process's /health/live and /health/ready; unset: no probe server. */
      workerHealthPort: env.WORKER_HEALTH_PORT,
      /** How long a stopping worker lets running activities finish before cancelling them (heartbeating ones then stop). */
      workerShutdownGraceSeconds: env.WORKER_SHUTDOWN_GRACE_SECONDS,
      taskQueues: {
        bulk: `${env.TASK_QUEUE_PREFIX}-bulk`,
        messaging: `${env.TASK_QUEUE_PREFIX}-messaging`,
      },
      /** The queues `npm run worker` polls: both by default, one each in docker-compose's worker services. */
      workerQueues: env.WORKER_TASK_QUEUES as TaskQueueName[],
    },
    dataDir,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    publicBaseUrl,
    jwt: {
      secret: env.JWT_SECRET,
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS,
    },
    loginAttemptsPerHour: env.LOGIN_ATTEMPTS_PER_HOUR,
    /** Failed password checks and mail-sending requests, per source address and per account or email. */
    authThrottles: {
      loginFailuresPerAccountPerHour: env.LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR,
      passwordResets: { perAddressPerHour: env.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, perEmailPerHour: env.PASSWORD_RESETS_PER_EMAIL_PER_HOUR },
      registrations: { perAddressPerHour: env.REGISTRATIONS_PER_ADDRESS_PER_HOUR, perEmailPerHour: env.REGISTRATIONS_PER_EMAIL_PER_HOUR },
    },
    trustProxy: env.TRUST_PROXY,
    /** Origins whose pages may call the API from a browser; empty: same-origin pages only. */
    corsOrigins: env.CORS_ORIGINS,
    /** Compress answers here; off when a proxy in front already does. */
    compression: env.COMPRESSION,
    /** How long a stopping API waits for in-flight requests before closing their connections. */
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    bodyLimit: env.BODY_LIMIT,
    logLevel: env.LOG_LEVEL,
    twilio: {
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      apiBaseUrl: env.TWILIO_API_BASE_URL,
      messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
    },
    simulatedSms: {
      webhookSecret: env.SIMULATED_WEBHOOK_SECRET,
      /** Whether the in-process simulated provider posts delivery callbacks; on by default in development. */
      deliveryCallbacks: env.SIMULATED_SMS_CALLBACKS ?? env.NODE_ENV === 'development',
    },
    rateLimits: {
      smsPerMinute: env.RATE_LIMIT_SMS_PER_MINUTE,
      contactsPerMinute: env.RATE_LIMIT_CONTACTS_PER_MINUTE,
      campaignsPerMinute: env.RATE_LIMIT_CAMPAIGNS_PER_MINUTE,
      bulkPerMinute: env.RATE_LIMIT_BULK_PER_MINUTE,
      defaultPerHour: env.RATE_LIMIT_DEFAULT_PER_HOUR,
      /** Requests answered 401, per source address. */
      anonymousPerHour: env.RATE_LIMIT_ANONYMOUS_PER_HOUR,
    },
    razorpay: {
      /** Signs payment webhooks (`X-Razorpay-Signature`); required in production, a per-install secret under DATA_DIR otherwise. */
      webhookSecret: env.RAZORPAY_WEBHOOK_SECRET,
    },
    /** Seed 002's language model: any OpenAI-compatible endpoint; simulated without a key. */
    openai: {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
      model: env.OPENAI_MODEL,
    },
    /** The periodic clean-up (a Temporal Schedule the worker creates): how often, and when an unfinished upload expires. */
    housekeeping: {
      intervalMinutes: env.HOUSEKEEPING_INTERVAL_MINUTES,
      uploadTtlSeconds: Math.round(env.UPLOAD_TTL_HOURS * 3600),
    },
    /** The outbox leaves through SMTP when SMTP_URL is set; without it the mail stays in the outbox and its links are logged. */
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? `Switchboard <no-reply@${new URL(publicBaseUrl).hostname}>`,
    },
    /** Production refuses simulated providers (SMS, mail, language model) unless this is set; see app/providers/simulated-providers.ts. */
    allowSimulatedProviders: env.ALLOW_SIMULATED_PROVIDERS,
  };
}

/** Reads and validates configuration; every bad variable is named with the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`) ?? []),
    ...missingInProduction(env),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  return toConfig(parsed.data);
}
