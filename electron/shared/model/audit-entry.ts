// One entry of the hash-chained audit log, as `audit.list` hands it to the page.
import { z } from 'zod';

export const AuditEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.number(),
  desk: z.string(),
  kind: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
