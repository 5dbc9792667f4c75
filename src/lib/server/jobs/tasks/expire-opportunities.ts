import type { Task } from 'graphile-worker';

/**
 * expire_opportunities (cron, every 5 minutes): postings whose term has run out become 'expired';
 * the trigger then queues index_opportunity for each, which removes it from the index. Search
 * already hides them from the moment they expire (a query-time filter on expires_at_ts).
 */
export const expireOpportunities: Task = async (_payload, helpers) => {
  const { rows } = await helpers.query<{ n: number }>('select app_private.expire_opportunities() as n');
  if (rows[0]?.n) helpers.logger.info(`expire_opportunities: снято с публикации по сроку ${rows[0].n}`);
};
