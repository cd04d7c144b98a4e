import { journeysReadingProperty, PropertyListInput, saveProperties, workspaceProperties } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

/**
 * The customer properties the workspace defines (key, type, labels): everyone reads them (the
 * designer offers them, profiles label them); ops managers and admins edit the list. Journeys may
 * name only these; a property a live journey reads cannot be removed or retyped.
 */
export const propertiesRouter = router({
  list: authedProcedure.query(({ ctx }) => workspaceProperties(ctx.db, viewerOf(ctx).workspaceId)),
  save: managerProcedure
    .input(z.object({ properties: PropertyListInput }))
    .mutation(({ ctx, input }) => saveProperties(ctx, viewerOf(ctx), input.properties, (key) => journeysReadingProperty(ctx.deps, ctx.db, viewerOf(ctx).workspaceId, key))),
});
