// The built-in node types' manifests only (browser-safe: no executor, no Node APIs), in palette order —
// the same order as builtins.ts; builtins.test.ts checks that both lists describe the same node types.
import { manifest as addTag } from '@sopline/node-add-tag/manifest';
import { manifest as branchPurchase } from '@sopline/node-branch-purchase/manifest';
import { manifest as branchTag } from '@sopline/node-branch-tag/manifest';
import { manifest as exit } from '@sopline/node-exit/manifest';
import { manifest as removeTag } from '@sopline/node-remove-tag/manifest';
import type { AnyNodeManifest } from '@sopline/node-sdk';
import { manifest as sendScript } from '@sopline/node-send-script/manifest';
import { manifest as setStage } from '@sopline/node-set-stage/manifest';
import { manifest as triggerContactLost } from '@sopline/node-trigger-contact-lost/manifest';
import { manifest as triggerCustomerCreated } from '@sopline/node-trigger-customer-created/manifest';
import { manifest as triggerManual } from '@sopline/node-trigger-manual/manifest';
import { manifest as triggerPurchase } from '@sopline/node-trigger-purchase/manifest';
import { manifest as triggerStageChanged } from '@sopline/node-trigger-stage-changed/manifest';
import { manifest as triggerTagAdded } from '@sopline/node-trigger-tag-added/manifest';
import { manifest as wait } from '@sopline/node-wait/manifest';
import { manifest as waitForEvent } from '@sopline/node-wait-for-event/manifest';

export const builtinManifests: readonly AnyNodeManifest[] = [
  triggerCustomerCreated,
  triggerTagAdded,
  triggerPurchase,
  triggerStageChanged,
  triggerContactLost,
  triggerManual,
  wait,
  waitForEvent,
  branchTag,
  branchPurchase,
  sendScript,
  addTag,
  removeTag,
  setStage,
  exit,
];
