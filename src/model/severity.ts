import { z } from 'zod';

export const severitySchema = z.enum(['critical', 'high', 'medium', 'low']);
export type Severity = z.infer<typeof severitySchema>;
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export const modeSchema = z.enum(['off', 'audit', 'enforce']);
export type Mode = z.infer<typeof modeSchema>;
