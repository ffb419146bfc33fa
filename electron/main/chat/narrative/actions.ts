import type { Role } from '../../../../shared/types/auth';

/** Executives: what to do next (analysts see the method instead). */
export function executiveActions(role: Role, label: string, latestChange: number | null = null, latestPeriod = ''): string[] {
  if (role !== 'executive') return [];
  const watch = `Save this ${label} view to a dashboard to follow it.`;
  if (latestChange !== null && latestChange <= -0.1) return [`Ask why ${label} fell in ${latestPeriod}: compare it by region or channel.`, watch];
  return [watch, 'Ask your analyst to look into the biggest movers.'];
}
