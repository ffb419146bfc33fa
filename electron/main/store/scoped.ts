import {
  ForeignKeyConstraintError, Op, UniqueConstraintError, ValidationError,
  type Model, type Order, type Transaction, type WhereOptions,
} from 'sequelize';
import type { RequestContext } from '../../../shared/types/auth';
import { ConflictError, NotFoundError, StoreInputError } from './errors';
import type { TableModel } from './models';
import { cachedRead, trackCachedTable } from './readCache';

let tableInstances = 0;

/** How rows of a table belong to projects:
 *  - 'none': organization-wide rows;
 *  - 'required' / 'optional': a `projectId` column (optional: null means every project);
 *  - 'self': the projects table itself (its `id` is the project). */
export type ProjectBinding = 'none' | 'required' | 'optional' | 'self';

export type Row = Record<string, unknown>;

export interface ListOptions {
  order?: Order;
  limit?: number;
  offset?: number;
  transaction?: Transaction;
}

/**
 * The one place that scopes reads and writes: every query built here is limited to
 * `ctx.orgId`, and for project-bound tables to `ctx.projectIds` (admins see all projects of
 * their organization). A row outside the scope behaves exactly like a missing row.
 */
export class OrgScopedTable<T> {
  constructor(
    readonly model: TableModel,
    private readonly options: {
      entity: string;
      project: ProjectBinding;
      /** The column holding the organization id ('id' for the organizations table itself). */
      orgColumn?: 'organizationId' | 'id';
      /** Personal rows (e.g. conversations): non-admins only see the ones this column says they own. */
      ownerColumn?: string;
      toRecord?: (row: Row) => T;
      /** Needed to check that a projectId given on write exists in the caller's organization. */
      projects?: TableModel;
      /** Reads (get, list, count) served from the store's read cache; for tables the request
       *  path reads on every call and writes rarely. */
      cached?: boolean;
    },
  ) {
    this.cacheName = `${tableNameOf(model)}#${(tableInstances += 1)}`;
    if (options.cached) trackCachedTable(model.sequelize, tableNameOf(model));
    if ((options.project === 'required' || options.project === 'optional') && !options.projects) {
      throw new Error(`${options.entity}: a project-bound table needs the projects model to check project ids.`);
    }
  }

  scope(ctx: RequestContext, extra?: WhereOptions): WhereOptions {
    const conditions: WhereOptions[] = [{ [this.options.orgColumn ?? 'organizationId']: ctx.orgId }];
    const { project } = this.options;
    if (project !== 'none' && ctx.role !== 'admin') {
      const column = project === 'self' ? 'id' : 'projectId';
      const member = { [column]: { [Op.in]: ctx.projectIds } };
      conditions.push(project === 'optional' ? { [Op.or]: [member, { projectId: null }] } : member);
    }
    if (this.options.ownerColumn && ctx.role !== 'admin') conditions.push({ [this.options.ownerColumn]: ctx.userId });
    if (extra) conditions.push(extra);
    return { [Op.and]: conditions };
  }

  /** Distinguishes this table's cached records from another view of the same rows (its toRecord may differ). */
  private readonly cacheName: string;

  private read<R>(key: unknown, load: () => Promise<R>, transaction?: Transaction): Promise<R> {
    if (!this.options.cached || transaction) return load();
    return cachedRead(this.model.sequelize, [tableNameOf(this.model)], [this.cacheName, key], load);
  }

  toRecord(instance: Model): T {
    const row = plainRow(instance);
    return this.options.toRecord ? this.options.toRecord(row) : (row as T);
  }

  async list(ctx: RequestContext, extra?: WhereOptions, options: ListOptions = {}): Promise<T[]> {
    const query = { where: this.scope(ctx, extra), order: options.order ?? [['createdAt', 'ASC'], ['id', 'ASC']], limit: options.limit, offset: options.offset };
    return this.read(['list', query], async () => {
      const rows = await this.model.findAll({ ...query, transaction: options.transaction });
      return rows.map((row) => this.toRecord(row));
    }, options.transaction);
  }

  async count(ctx: RequestContext, extra?: WhereOptions): Promise<number> {
    const where = this.scope(ctx, extra);
    return this.read(['count', where], () => this.model.count({ where }));
  }

  async findInstance(ctx: RequestContext, id: string, transaction?: Transaction): Promise<Model> {
    const found = typeof id === 'string' ? await this.model.findOne({ where: this.scope(ctx, { id }), transaction }) : null;
    if (!found) throw new NotFoundError(this.options.entity, String(id));
    return found;
  }

  async get(ctx: RequestContext, id: string): Promise<T> {
    const record = await this.read(['get', typeof id === 'string' ? this.scope(ctx, { id }) : null], async () => {
      try {
        return this.toRecord(await this.findInstance(ctx, id));
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    });
    if (record === null) throw new NotFoundError(this.options.entity, String(id));
    return record;
  }

  /** Throws NotFoundError unless the row exists and the caller may see it. */
  async assertVisible(ctx: RequestContext, id: string): Promise<void> {
    const where = typeof id === 'string' ? this.scope(ctx, { id }) : null;
    const visible = await this.read(['visible', where], async () => where !== null && (await this.model.count({ where })) > 0);
    if (!visible) throw new NotFoundError(this.options.entity, String(id));
  }

  /** `projectChecked`: the caller ran assertProjectWritable before its transaction began. */
  async insert(ctx: RequestContext, values: Row, transaction?: Transaction, checks: { projectChecked?: boolean } = {}): Promise<T> {
    if (!checks.projectChecked && (this.options.project === 'required' || (this.options.project === 'optional' && values.projectId != null))) {
      await this.assertProjectWritable(ctx, values.projectId);
    }
    const owner = this.options.orgColumn === 'id' ? {} : { organizationId: ctx.orgId };
    const created = await this.translate(() => this.model.create({ ...values, ...owner }, { transaction }));
    return this.toRecord(created);
  }

  async update(ctx: RequestContext, id: string, patch: Row): Promise<T> {
    const instance = await this.findInstance(ctx, id);
    const changes = withoutUndefined(patch);
    delete changes.organizationId;
    delete changes.id;
    if ('projectId' in changes && changes.projectId != null) await this.assertProjectWritable(ctx, changes.projectId);
    await this.translate(() => instance.update(changes));
    return this.toRecord(instance);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const instance = await this.findInstance(ctx, id);
    await instance.destroy();
  }

  async removeWhere(ctx: RequestContext, where: WhereOptions): Promise<number> {
    return this.model.destroy({ where: this.scope(ctx, where) });
  }

  async assertProjectWritable(ctx: RequestContext, projectId: unknown): Promise<void> {
    if (typeof projectId !== 'string' || projectId === '') {
      throw new StoreInputError('projectId', `A ${this.options.entity} must belong to a project: give its projectId.`);
    }
    const inScope = ctx.role === 'admin' || ctx.projectIds.includes(projectId);
    const projects = this.options.projects!;
    const where = { id: projectId, organizationId: ctx.orgId };
    const inOrganization = inScope && (await cachedRead(projects.sequelize, [tableNameOf(projects)], ['count', where], () => projects.count({ where }))) > 0;
    if (!inOrganization) throw new NotFoundError('project', projectId);
  }

  private async translate<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof UniqueConstraintError) {
        const fields = Object.keys(error.fields ?? {}).filter((field) => field !== 'organization_id');
        throw new ConflictError(`A ${this.options.entity} with the same ${fields.join(', ') || 'key'} already exists.`);
      }
      if (error instanceof ValidationError) {
        const field = error.errors[0]?.path ?? 'input';
        throw new StoreInputError(field, `Invalid ${this.options.entity}: ${error.errors.map((item) => item.message).join('; ') || error.message}.`);
      }
      if (error instanceof ForeignKeyConstraintError) {
        throw new StoreInputError('reference', `The ${this.options.entity} refers to a row that does not exist.`);
      }
      throw error;
    }
  }
}

export function tableNameOf(model: TableModel): string {
  return String(model.tableName).toLowerCase();
}

/** A Sequelize instance as a plain object with every attribute present (a fresh insert omits
 *  the nullable columns it did not set) and Date values as ISO strings. */
export function plainRow(instance: Model): Row {
  const values = instance.get({ plain: true }) as Row;
  const attributes = Object.keys((instance.constructor as TableModel).getAttributes());
  return Object.fromEntries(attributes.map((key) => {
    const value = values[key];
    return [key, value instanceof Date ? value.toISOString() : (value ?? null)];
  }));
}

export function withoutUndefined(values: Row): Row {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

export function toDate(field: string, value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new StoreInputError(field, `${field} must be a date or an ISO-8601 string; got "${String(value)}".`);
  return date;
}
