import { assertNonEmpty } from '../errors';
import type { Models } from '../models';

export interface ImportMapping {
  organizationId: string;
  entity: string;
  sourceKey: string;
  targetId: string;
}

/** Which row of an imported system became which row here. Keyed by origin rather than by the
 *  caller's organization: an import creates organizations, so it runs before any exists. */
export class ImportMappingsRepository {
  constructor(private readonly models: Models) {}

  /** Every mapping remembered for this origin, as `entity:sourceKey` → row. */
  async unscopedListForOrigin(origin: string): Promise<Map<string, ImportMapping>> {
    assertNonEmpty('origin', origin);
    const rows = await this.models.importMappings.findAll({ where: { origin } });
    return new Map(rows.map((row) => {
      const mapping = row.get({ plain: true }) as ImportMapping;
      return [`${mapping.entity}:${mapping.sourceKey}`, mapping] as const;
    }));
  }

  async unscopedRemember(origin: string, mapping: ImportMapping): Promise<void> {
    assertNonEmpty('origin', origin);
    assertNonEmpty('entity', mapping.entity);
    assertNonEmpty('sourceKey', mapping.sourceKey);
    await this.models.importMappings.create({ origin, ...mapping });
  }
}
