// Which AURA environment the desk talks to, where its connection stands (never the secret) and
// its readiness: what the readiness bar says.
import { z } from 'zod';

export const ENVIRONMENTS = ['training', 'staging', 'production', 'custom'] as const;
export const EnvironmentSchema = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof EnvironmentSchema>;

/** Where this desk's AURA connection stands. Never carries the secret, only whether one is set. */
export const ConnectionSchema = z.object({
  environment: EnvironmentSchema,
  baseUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

export const READINESS_LEVELS = [
  'ready',
  'degraded',
  'offline',
  'credentialsRejected',
  'keychainUnavailable',
  'notConfigured',
] as const;
export const ReadinessSchema = z.object({
  level: z.enum(READINESS_LEVELS),
  /** The sentence the readiness bar shows, e.g. "Ready — AURA Training". */
  message: z.string(),
  lastContactAt: z.number().nullable(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;
