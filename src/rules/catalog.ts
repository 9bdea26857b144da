import type { Rule } from '../model';
import { amlWs001 } from './aml-ws-001';
import { amlWs002 } from './aml-ws-002';
import { amlWs003 } from './aml-ws-003';
import { amlWs004 } from './aml-ws-004';
import { amlDep001 } from './aml-dep-001';
import { amlDep002 } from './aml-dep-002';
import { amlDep003 } from './aml-dep-003';
import { amlGov001 } from './aml-gov-001';
import { amlCmp001 } from './aml-cmp-001';
import { amlCmp002 } from './aml-cmp-002';
import { amlCmp003 } from './aml-cmp-003';
import { amlCmp004 } from './aml-cmp-004';
import { amlCmp005 } from './aml-cmp-005';
import { amlCmp006 } from './aml-cmp-006';
import { amlCmp007 } from './aml-cmp-007';
import { amlEnd001 } from './aml-end-001';
import { amlIam001 } from './aml-iam-001';
import { amlWs005 } from './aml-ws-005';
import { amlNet001 } from './aml-net-001';
import { amlNet002 } from './aml-net-002';
import { amlNet003 } from './aml-net-003';
import { amlNet004 } from './aml-net-004';
import { amlNet005 } from './aml-net-005';
import { amlSup001 } from './aml-sup-001';
import { amlSup002 } from './aml-sup-002';
import { amlSup003 } from './aml-sup-003';
import { amlSup004 } from './aml-sup-004';
import { amlEnd002 } from './aml-end-002';
import { amlEnd003 } from './aml-end-003';
import { amlEnd004 } from './aml-end-004';
import { amlWs006 } from './aml-ws-006';
import { amlWs007 } from './aml-ws-007';
import { amlWs008 } from './aml-ws-008';
import { amlGov002 } from './aml-gov-002';
import { amlGov003 } from './aml-gov-003';

/** Every rule, in catalog order. Rule ids are a contract: reports, exceptions and outside checks use them. */
export const CATALOG: readonly Rule[] = [
  amlWs001, amlWs002, amlWs003, amlWs004, amlWs005, amlWs006, amlWs007, amlWs008,
  amlDep001, amlDep002, amlDep003,
  amlSup001, amlSup002, amlSup003, amlSup004,
  amlCmp001, amlCmp002, amlCmp003, amlCmp004, amlCmp005, amlCmp006, amlCmp007,
  amlNet001, amlNet002, amlNet003, amlNet004, amlNet005,
  amlEnd001, amlEnd002, amlEnd003, amlEnd004,
  amlIam001, amlGov001, amlGov002, amlGov003,
];

export const RULE_IDS: readonly string[] = CATALOG.map((r) => r.id);

/** Resource types any rule evaluates: what the event router watches. */
export function watchedTypes(rules: readonly Rule[] = CATALOG): ReadonlySet<string> {
  return new Set(rules.flatMap((r) => r.appliesTo));
}
