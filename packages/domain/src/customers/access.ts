import type { Customer, Db } from '@sopline/db';
import { repos } from '@sopline/db';
import { errors } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import { ownerScope } from '../users/viewer.ts';

/**
 * The customer if the viewer may see it: in their workspace and, for a sales rep, owned by them.
 * Anything else is "not found", so ids from elsewhere reveal nothing.
 */
export async function visibleCustomer(db: Db, viewer: Viewer, customerId: string): Promise<Customer> {
  const customer = await repos(db).customers.get(viewer.workspaceId, customerId);
  const scope = ownerScope(viewer);
  if (!customer || (scope !== undefined && customer.owner_id !== scope)) throw errors.notFound('客户 / customer', customerId);
  return customer;
}
