import type { ExpertiseLevel } from '../../../shared/types/auth';
import fs from 'node:fs';
import path from 'node:path';
import { systemContext } from '../../../shared/types/auth';
import { createPresetSources } from '../policy';
import type { Services } from '../services';
import { DEMO_GLOSSARY_FILE } from '../demo/generateDemoData';
import { generateDemoDataOffThread } from '../demo/offThread';
import { hashPassword } from '../security/passwords';
import type { JsonObject, User } from '../store/types';

export interface SetupInput {
  organizationName: string;
  name: string;
  email: string;
  password: string;
  /** How much detail answers show the administrator by default (their own choice; analyst when unsaid). */
  expertise?: ExpertiseLevel;
}

export class SetupError extends Error {
  override name = 'ConflictError';
}

export async function needsSetup(services: Services): Promise<boolean> {
  return (await services.store.organizations.unscopedCountAll()) === 0;
}

/** First run: the organization, its administrator, a "Demo" project and a demo data source made
 *  of generated files in the data folder, queried in place. */
export async function completeSetup(services: Services, input: SetupInput): Promise<User> {
  const { admin, finishDemo } = await completeSetupDeferringDemo(services, input);
  await finishDemo();
  return admin;
}

/** The same first run, except that generating the demo data (seconds on a small machine) is left
 *  to `finishDemo`, so a server can listen first and prepare the demo in the background. */
export async function completeSetupDeferringDemo(services: Services, input: SetupInput): Promise<{ admin: User; finishDemo: () => Promise<void> }> {
  if (!(await needsSetup(services))) throw new SetupError('This install is already set up. Sign in instead.');
  const { store } = services;
  const org = await store.organizations.unscopedCreate({ name: input.organizationName });
  const ctx = systemContext(org.id);
  const admin = await store.users.create(ctx, {
    email: input.email, name: input.name, role: 'admin', passwordHash: await hashPassword(input.password),
    settings: { expertiseLevel: input.expertise ?? 'analyst' },
  });
  // The first administrator also runs the platform (creates and removes organizations in server mode).
  const platformAdmin = await store.users.setPlatformAdmin(ctx, admin.id, true);
  const project = await store.projects.create(ctx, { name: 'Demo' });
  await store.projects.addMember(ctx, project.id, admin.id, 'owner');
  await store.audit.append(ctx, { action: 'setup.complete', target: org.id, details: { adminId: admin.id, projectId: project.id } });
  await createPresetSources(services.machinePolicy.policy, store, services.sources, services.logger);
  const finishDemo = async () => {
    if (services.config.createDemo) await addDemoSource(services, org.id, project.id);
  };
  return { admin: platformAdmin, finishDemo };
}

async function addDemoSource(services: Services, orgId: string, projectId: string): Promise<void> {
  const dir = path.join(services.config.dataDir, 'demo', orgId);
  const { files } = await generateDemoDataOffThread(dir);
  const glossaryFile = files.find((f) => path.basename(f) === DEMO_GLOSSARY_FILE);
  let semanticModel: JsonObject | undefined;
  if (glossaryFile) {
    semanticModel = JSON.parse(fs.readFileSync(glossaryFile, 'utf8')) as JsonObject;
    fs.unlinkSync(glossaryFile); // the folder is the source: every file in it becomes a table
  }
  const ctx = { ...systemContext(orgId), projectIds: [projectId] };
  await services.sources.create(ctx, { projectId, name: 'Demo sales', config: { type: 'files', path: dir }, semanticModel });
  services.logger.info('setup.demo_source', { orgId, dir });
}
