import type { JourneyRunner } from './ports.ts';

export type RunnerCall = {
  method: 'start' | 'signalEvent' | 'signalGoal' | 'cancel' | 'retry';
  workflowId: string;
  enrollmentId: string;
  eventId?: string;
  skip?: boolean;
};

/** A JourneyRunner for tests: records every call; `failWith` makes the next calls throw (e.g. "Temporal is down"). */
export class FakeRunner implements JourneyRunner {
  readonly calls: RunnerCall[] = [];
  failWith: Error | null = null;

  private call(entry: RunnerCall): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.calls.push(entry);
    return Promise.resolve();
  }
  start(run: { workflowId: string; enrollmentId: string }): Promise<void> {
    return this.call({ method: 'start', ...run });
  }
  signalEvent(run: { workflowId: string; enrollmentId: string }, eventId: string): Promise<void> {
    return this.call({ method: 'signalEvent', ...run, eventId });
  }
  signalGoal(run: { workflowId: string; enrollmentId: string }, eventId: string): Promise<void> {
    return this.call({ method: 'signalGoal', ...run, eventId });
  }
  cancel(run: { workflowId: string; enrollmentId: string }): Promise<void> {
    return this.call({ method: 'cancel', ...run });
  }
  retry(run: { workflowId: string; enrollmentId: string }, skip: boolean): Promise<void> {
    return this.call({ method: 'retry', ...run, skip });
  }
  of(method: RunnerCall['method']): RunnerCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}
