/** The queue the sweep timer fills with work items and the sweepWorker function drains (its own module: the Function app's registrations read it without loading the engine). */
export const SWEEP_QUEUE = 'aml-guard-sweep';
