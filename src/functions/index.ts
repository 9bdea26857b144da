/**
 * The Function app's entry point (package.json `main`): reads the settings once, logs one line
 * if they are invalid, and registers the functions.
 */
import { app } from '@azure/functions';
import { registerFunctions } from './registrations';
import { startup } from './startup';

const started = startup();
if (!started.ok) console.error(`AML Guard: not processing events or timers until the app settings are fixed: ${started.problem}`);
registerFunctions(app, started);
