/** NSG destination ports: `*`, `22`, `20-25`, as in securityRules' destinationPortRange(s). */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** One port spec as a range; undefined when malformed. `*` and `Any` mean every port. */
export function parsePortRange(spec: string): PortRange | undefined {
  const s = spec.trim();
  if (s === '*' || s.toLowerCase() === 'any') return ALL_PORTS;
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(s);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || from > to) return undefined;
  return { from, to };
}

export function covers(range: PortRange, port: number): boolean {
  return range.from <= port && port <= range.to;
}

export function isAllPorts(range: PortRange): boolean {
  return range.from === 0 && range.to === 65535;
}
