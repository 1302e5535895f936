import { LogAnalyticsQueryPack } from '@cdktf/provider-azurerm/lib/log-analytics-query-pack';
import { LogAnalyticsQueryPackQuery } from '@cdktf/provider-azurerm/lib/log-analytics-query-pack-query';
import { Construct } from 'constructs';

import { GUID } from '../../lib/guid';

/** One saved query as the pack deploys it. */
export interface PackedQuery {
  /** Stable id; the construct id of its resource, so renaming it replaces the query. */
  readonly id: string;
  /** GUID the query is deployed under; derive it from `id` so a redeploy updates the query in place. */
  readonly resourceName: string;
  /** Unique within the pack. */
  readonly displayName: string;
  readonly description: string;
  /** KQL. */
  readonly body: string;
  readonly categories: readonly string[];
  readonly resourceTypes: readonly string[];
}

export interface SavedQueryPackProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly queries: readonly PackedQuery[];
}

/** Problems with the queries of a pack: duplicate ids, names or display names, names that are not GUIDs, empty bodies. */
export function packProblems(queries: readonly PackedQuery[]): string[] {
  const problems: string[] = [];
  const duplicates = (values: readonly string[]) => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
  for (const [field, values] of [
    ['id', queries.map((q) => q.id)],
    ['resourceName', queries.map((q) => q.resourceName)],
    ['displayName', queries.map((q) => q.displayName)],
  ] as const) {
    const twice = duplicates(values);
    if (twice.length > 0) {
      problems.push(`${field} must be unique, found twice: ${twice.join(', ')}`);
    }
  }
  for (const query of queries) {
    if (!GUID.test(query.resourceName)) {
      problems.push(`query ${query.id}: resourceName must be a lowercase GUID, got "${query.resourceName}"`);
    }
    if (query.body.trim() === '') {
      problems.push(`query ${query.id}: body is empty`);
    }
  }
  return problems;
}

/**
 * A Log Analytics query pack holding the project's saved queries, so administrators find them under Queries in the
 * workspace (and any resource the queries relate to) without writing KQL.
 */
export class SavedQueryPack extends Construct {
  readonly pack: LogAnalyticsQueryPack;
  readonly queries: Readonly<Record<string, LogAnalyticsQueryPackQuery>>;

  constructor(scope: Construct, id: string, props: SavedQueryPackProps) {
    super(scope, id);
    const problems = packProblems(props.queries);
    if (problems.length > 0) {
      throw new Error(`SavedQueryPack "${id}": ${problems.join('; ')}`);
    }
    this.pack = new LogAnalyticsQueryPack(this, 'pack', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    const queries: Record<string, LogAnalyticsQueryPackQuery> = {};
    for (const query of props.queries) {
      queries[query.id] = new LogAnalyticsQueryPackQuery(this, query.id, {
        queryPackId: this.pack.id,
        name: query.resourceName,
        displayName: query.displayName,
        description: query.description,
        body: query.body,
        categories: [...query.categories],
        resourceTypes: [...query.resourceTypes],
      });
    }
    this.queries = queries;
  }
}
