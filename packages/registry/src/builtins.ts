import addTag from '@sopline/node-add-tag';
import branchPurchase from '@sopline/node-branch-purchase';
import branchTag from '@sopline/node-branch-tag';
import exit from '@sopline/node-exit';
import removeTag from '@sopline/node-remove-tag';
import type { AnyNodeDefinition } from '@sopline/node-sdk';
import sendScript from '@sopline/node-send-script';
import setStage from '@sopline/node-set-stage';
import triggerContactLost from '@sopline/node-trigger-contact-lost';
import triggerCustomerCreated from '@sopline/node-trigger-customer-created';
import triggerManual from '@sopline/node-trigger-manual';
import triggerPurchase from '@sopline/node-trigger-purchase';
import triggerStageChanged from '@sopline/node-trigger-stage-changed';
import triggerTagAdded from '@sopline/node-trigger-tag-added';
import wait from '@sopline/node-wait';
import waitForEvent from '@sopline/node-wait-for-event';

/** Every node type that ships with Sopline, in palette order. Adding one is one line here. */
export const builtinNodes: readonly AnyNodeDefinition[] = [
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
