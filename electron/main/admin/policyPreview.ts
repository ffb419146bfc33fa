import type { QueryResult } from '../../../shared/api/domains/query';
import type { RequestContext, Role } from '../../../shared/types/auth';
import type { QueryService } from '../query/queryService';
import type { AuthService } from '../security/auth';
import { ForbiddenError } from '../security/dataPolicies';
import { NotFoundError, type Store } from '../store';

export interface PolicyPreviewRequest {
  sourceId: string;
  role?: Role;
  userId?: string;
  table?: string;
  sql?: string;
  limit?: number;
}

export interface PolicyPreviewResult extends QueryResult {
  viewedAs: { role: Role; userId: string | null; name: string | null };
}

const DEFAULT_PREVIEW_ROWS = 20;

/**
 * "What will this role or person see?" answered by running the query on the real source through
 * the same execution path their own queries take (row policies and masking at the source, the
 * result-level masking layer), with the administrator recorded as the one who ran it.
 */
export class PolicyPreview {
  constructor(private readonly store: Store, private readonly auth: AuthService, private readonly query: QueryService) {}

  async run(admin: RequestContext, request: PolicyPreviewRequest): Promise<PolicyPreviewResult> {
    await this.store.dataSources.get(admin, request.sourceId);
    const { viewer, viewedAs } = await this.viewerFor(admin, request);
    const limit = request.limit ?? DEFAULT_PREVIEW_ROWS;
    try {
      const result = request.table !== undefined
        ? await this.query.preview(viewer, request.sourceId, request.table, limit, { actor: admin, origin: 'policy-preview' })
        : await this.query.run(viewer, request.sourceId, request.sql ?? '', { maxRows: limit, actor: admin, origin: 'policy-preview' });
      return { ...result, viewedAs };
    } catch (error) {
      throw explainForPreview(error, viewedAs, request.sourceId);
    }
  }

  private async viewerFor(admin: RequestContext, request: PolicyPreviewRequest): Promise<{ viewer: RequestContext; viewedAs: PolicyPreviewResult['viewedAs'] }> {
    if (request.userId !== undefined) {
      const person = await this.store.users.get(admin, request.userId);
      const viewer = await this.auth.contextFor(person, admin.sessionId);
      return { viewer, viewedAs: { role: person.role, userId: person.id, name: person.name } };
    }
    const role = request.role ?? 'viewer';
    // A role on its own has no personal attributes: rules bound to one (such as a region) fail
    // closed, exactly as they do for a person of that role who has none set.
    const viewer: RequestContext = { ...admin, role, userId: `preview-of-role-${role}`, department: undefined };
    return { viewer, viewedAs: { role, userId: null, name: null } };
  }
}

/** Refusals worded for the administrator looking, not for the person previewed. */
function explainForPreview(error: unknown, viewedAs: PolicyPreviewResult['viewedAs'], sourceId: string): unknown {
  const who = viewedAs.name ?? `people with the role ${viewedAs.role}`;
  if (error instanceof ForbiddenError && viewedAs.userId === null && /has no ".*" assigned/.test(error.message)) {
    return new ForbiddenError(
      `${error.message.replace(/^Your account has/, `The role ${viewedAs.role} has`)} Rows of it depend on each person’s own value.`,
      'Preview as a person of this role instead, or set the attribute for people in the data policies.',
    );
  }
  if (error instanceof NotFoundError && error.entity === 'data source' && error.id === sourceId) {
    return new ForbiddenError(`${who} cannot read this data source: it belongs to a project they are not a member of.`, 'Add them to the project, or pick a source of one of their projects.');
  }
  return error;
}
