import { systemContext } from '../../../shared/types/auth';
import type { Logger } from '../logging';
import type { SourcesService } from '../sources/sourcesService';
import type { Store } from '../store';
import type { MachinePolicy } from './schema';

/** Creates the policy's preset data sources in every organization's first project, once: a source
 *  with the same name already there is left alone (people may have edited it). */
export async function createPresetSources(policy: MachinePolicy, store: Store, sources: SourcesService, logger: Logger): Promise<number> {
  let created = 0;
  if (!policy.presetSources?.length) return created;
  for (const org of await store.organizations.unscopedList()) {
    const ctx = systemContext(org.id);
    const [project] = await store.projects.list(ctx);
    if (!project) continue;
    const scoped = { ...ctx, projectIds: [project.id] };
    const existing = new Set((await sources.list(scoped)).map((s) => s.name));
    for (const preset of policy.presetSources) {
      if (existing.has(preset.name)) continue;
      try {
        await sources.create(scoped, { projectId: project.id, name: preset.name, config: preset.config as never });
        created += 1;
      } catch (error) {
        logger.error('policy.preset_source_failed', { orgId: org.id, name: preset.name, error });
      }
    }
  }
  return created;
}
