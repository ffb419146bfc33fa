import type { RequestContext } from '../../../../shared/types/auth';
import { Op } from 'sequelize';
import { ConflictError, NotFoundError, StoreInputError, assertNonEmpty, assertOneOf } from '../errors';
import type { Models } from '../models';
import { OrgScopedTable, plainRow, withoutUndefined } from '../scoped';
import { ORGANIZATION_STATUSES, type Organization, type OrganizationSettings, type OrganizationStatus } from '../types';

export interface NewOrganization {
  name: string;
  /** URL-safe identifier; derived from the name when omitted. */
  slug?: string;
  settings?: Partial<OrganizationSettings>;
}

export class OrganizationsRepository {
  private readonly table: OrgScopedTable<Organization>;

  constructor(private readonly models: Models) {
    this.table = new OrgScopedTable(models.organizations, { entity: 'organization', project: 'none', orgColumn: 'id', cached: true });
  }

  /** Unscoped, for first run: how many organizations exist at all. */
  async unscopedCountAll(): Promise<number> {
    return this.models.organizations.count();
  }

  /** Unscoped, for first run and admin provisioning: there is no caller organization yet. */
  async unscopedCreate(input: NewOrganization): Promise<Organization> {
    assertNonEmpty('name', input.name);
    const slug = input.slug ?? slugify(input.name);
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug)) {
      throw new StoreInputError('slug', `slug must be lowercase letters, digits and dashes (got "${slug}").`);
    }
    if ((await this.models.organizations.count({ where: { slug } })) > 0) {
      throw new ConflictError(`An organization with slug "${slug}" already exists; choose another slug.`);
    }
    const created = await this.models.organizations.create({ name: input.name.trim(), slug, settings: normalizeSettings(input.settings) });
    return plainRow(created) as unknown as Organization;
  }

  /** Unscoped, for the platform administrator and schedulers: every organization. */
  async unscopedList(): Promise<Organization[]> {
    const rows = await this.models.organizations.findAll({ order: [['createdAt', 'ASC'], ['id', 'ASC']] });
    return rows.map((row) => plainRow(row) as unknown as Organization);
  }

  async unscopedFind(idOrSlug: string): Promise<Organization | null> {
    const row = await this.models.organizations.findOne({ where: { [Op.or]: [{ id: idOrSlug }, { slug: idOrSlug }] } });
    return row ? (plainRow(row) as unknown as Organization) : null;
  }

  /** Platform administration: rename or suspend any organization. */
  async unscopedUpdate(id: string, patch: { name?: string; status?: OrganizationStatus }): Promise<Organization> {
    if (patch.name !== undefined) assertNonEmpty('name', patch.name);
    if (patch.status !== undefined) assertOneOf('status', patch.status, ORGANIZATION_STATUSES);
    const row = await this.models.organizations.findByPk(id);
    if (!row) throw new NotFoundError('organization', id);
    await row.update(withoutUndefined({ name: patch.name?.trim(), status: patch.status }));
    return plainRow(row) as unknown as Organization;
  }

  /** Platform deletion: the organization and, by cascade, every row it owns. */
  async unscopedDelete(id: string): Promise<void> {
    const removed = await this.models.organizations.destroy({ where: { id } });
    if (removed === 0) throw new NotFoundError('organization', id);
  }

  /** The caller's own organization. */
  async get(ctx: RequestContext): Promise<Organization> {
    return this.table.get(ctx, ctx.orgId);
  }

  async update(ctx: RequestContext, patch: { name?: string; settings?: Partial<OrganizationSettings> }): Promise<Organization> {
    if (patch.name !== undefined) assertNonEmpty('name', patch.name);
    return this.table.update(ctx, ctx.orgId, {
      name: patch.name?.trim(),
      settings: patch.settings === undefined ? undefined : normalizeSettings(patch.settings),
    });
  }

  /** Deletes the caller's organization and (by cascade) everything it owns except its audit trail. */
  async delete(ctx: RequestContext): Promise<void> {
    const removed = await this.models.organizations.destroy({ where: { id: ctx.orgId } });
    if (removed === 0) throw new NotFoundError('organization', ctx.orgId);
  }
}

function normalizeSettings(settings: Partial<OrganizationSettings> = {}): OrganizationSettings {
  return { ...settings, featureFlags: { ...settings.featureFlags }, usageLimits: { ...settings.usageLimits } };
}

function slugify(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return slug || 'org';
}
