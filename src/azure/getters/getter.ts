import type { ArmClients } from '../clients';
import type { WireCapture } from '../wire-body';

/**
 * Reads one resource through its typed SDK method, passing `capture.options` so the wire body
 * is kept. Resolves with anything (the SDK model is ignored); a 404 rejects with a RestError.
 */
export type Getter = (clients: ArmClients, id: string, capture: WireCapture) => Promise<unknown>;

/** Getters keyed by lower-case resource type (see ResourceTypes). */
export type GetterTable = Readonly<Record<string, Getter>>;
