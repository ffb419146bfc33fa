import type { ImportRun } from './run';
import { keyOf, textOf, type PlatformRow } from './schema';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export async function importOrganizations(run: ImportRun, rows: PlatformRow[]): Promise<void> {
  run.read('organizations', rows.length);
  for (const row of rows) {
    const key = keyOf(row.id);
    const name = textOf(row.name);
    if (run.alreadyImported('organizations', key)) continue;
    if (!name) {
      run.skip('organizations', row, null, 'The organization has no name.');
      continue;
    }
    const platformSlug = textOf(row.slug)?.toLowerCase() ?? null;
    const slug = platformSlug && SLUG.test(platformSlug) ? platformSlug : undefined;
    await run.create('organizations', key, name, null, () => run.store.organizations.unscopedCreate({ name, slug }));
  }
}

export async function importProjects(run: ImportRun, rows: PlatformRow[]): Promise<void> {
  run.read('projects', rows.length);
  for (const row of rows) {
    const key = keyOf(row.id);
    const name = textOf(row.name);
    if (run.alreadyImported('projects', key)) continue;
    const orgId = run.targetOf('organizations', textOf(row.organization_id));
    if (!orgId) {
      run.skip('projects', row, name, `Its organization (${String(row.organization_id)}) was not imported.`);
      continue;
    }
    if (!name) {
      run.skip('projects', row, null, 'The project has no name.');
      continue;
    }
    const description = textOf(row.description);
    await run.create('projects', key, name, orgId, () =>
      run.store.projects.create(run.contextFor(orgId), { name, settings: { importedFrom: { platformId: key }, ...(description ? { description } : {}) } }),
    );
  }
}
