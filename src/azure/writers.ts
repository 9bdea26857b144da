import type { Writer } from './remediation-executor';
import { setPropertyWriter } from './set-property-writer';

/** Every kind of write the executor can perform. */
export const writers: readonly Writer[] = [setPropertyWriter as Writer];
