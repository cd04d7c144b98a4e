import { describeNodeTypes } from '@sopline/registry';
import { authedProcedure, router } from '../trpc.ts';

/**
 * The node types this server has installed — built-ins and the plugins named in SOPLINE_PLUGINS — as
 * JSON manifests (titles in both languages, config JSON Schema with field labels, ports, icon), so the
 * designer learns a plugin's node at run time without a web rebuild. The same for every workspace.
 */
export const nodeTypesRouter = router({
  list: authedProcedure.query(({ ctx }) => describeNodeTypes(ctx.deps.registry)),
});
