import type { Meilisearch } from 'meilisearch';
import type { Task } from 'graphile-worker';
import { isMeiliUnreachable, meiliClient, OPPORTUNITIES_INDEX } from '../../search/client.ts';
import { ensureSearchIndexOnce } from '../../search/settings.ts';
import { syncOpportunities } from '../../search/sync.ts';
import { requeueWhileUnreachable } from './index-opportunity.ts';
import { UUID } from '../../../schemas/fields.ts';

/**
 * index_organization {organization_id}: an employer's name, industry or verification changed, so
 * every posting of it is reindexed: the public ones upserted, every other document of the employer
 * that the index holds deleted.
 */
export function makeIndexOrganization(
  getMeili: () => Meilisearch = () => meiliClient({ timeoutMs: 10_000 }),
): Task {
  return async (payload, helpers) => {
    const orgId = (payload as { organization_id?: unknown } | null)?.organization_id;
    if (typeof orgId !== 'string' || !UUID.test(orgId)) {
      helpers.logger.error(`index_organization: некорректные данные задачи ${JSON.stringify(payload)}`);
      return;
    }
    const meili = getMeili();
    try {
      await ensureSearchIndexOnce(meili);
      const inIndex: string[] = [];
      const limit = 10_000;
      for (let offset = 0; ; offset += limit) {
        const page = await meili.index(OPPORTUNITIES_INDEX).getDocuments<{ id: string }>({
          fields: ['id'],
          filter: `organization_id = "${orgId}"`,
          limit,
          offset,
        });
        inIndex.push(...page.results.map((d) => String(d.id)));
        if (page.results.length < limit) break;
      }
      await helpers.withPgClient(async (client) => {
        const { rows } = await client.query<{ id: string }>(
          'select id::text as id from public.opportunities where organization_id = $1',
          [orgId],
        );
        // every posting of the employer, and whatever the index still holds for it
        const ids = [...new Set([...rows.map((r) => r.id), ...inIndex])];
        const counts = await syncOpportunities(client, meili, ids);
        helpers.logger.info(
          `index_organization ${orgId}: обновлено ${counts.upserted}, удалено ${counts.deleted}`,
        );
      });
    } catch (err) {
      if (!isMeiliUnreachable(err)) throw err;
      await requeueWhileUnreachable(
        helpers,
        'index_organization',
        { organization_id: orgId },
        `index_organization:${orgId}`,
      );
    }
  };
}

export const indexOrganization = makeIndexOrganization();
