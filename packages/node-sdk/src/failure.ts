import type { Text } from '@sopline/graph';

/**
 * Thrown by an executor for a failure no retry can fix (a template that is gone, a recipient the
 * service refuses for good). The engine stops the enrollment as failed at this node at once, with these
 * words for the operator, who can retry it once the cause is fixed or skip past the node. Any other
 * error is taken as passing (a busy database, a network blip) and retried with backoff.
 */
export class PermanentStepError extends Error {
  readonly text: Text;
  constructor(text: Text, options?: { cause?: unknown }) {
    super(text.en, options);
    this.name = 'PermanentStepError';
    this.text = text;
  }
}
