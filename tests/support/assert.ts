import type { Harness } from './harness.ts';

/** The node ids a customer's enrollment visited, in order (a wait node appears when it starts and when it ends). */
export async function pathOf(h: Harness, enrollmentId: string): Promise<string[]> {
  const steps = await h.repos.enrollments.steps(enrollmentId);
  return steps.map((s) => `${s.node_id}:${s.outcome}`);
}

export async function tasksOf(h: Harness, customerId: string) {
  return h.repos.tasks.ofCustomer(customerId);
}

export async function stateOf(h: Harness, customerId: string) {
  const customer = await h.repos.customers.get(h.workspace.id, customerId);
  return { stage: customer?.stage ?? null, tags: await h.repos.tags.ofCustomer(customerId) };
}
