import { z } from 'zod';

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

export const findingSchema = z.object({
  rule: z.string().max(100),
  category: z.enum(['security', 'quality']),
  severity: z.enum(severities),
  file: z.string().max(1000).nullable(),
  line: z.number().int().nullable(),
  message: z.string().max(2000),
  evidence: z.string().max(500).nullable(),
});
export type Finding = z.infer<typeof findingSchema>;

/** Most severe first. */
export function bySeverity(a: Finding, b: Finding): number {
  return severities.indexOf(a.severity) - severities.indexOf(b.severity);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
