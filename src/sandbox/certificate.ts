import { generate } from 'selfsigned';

export interface SandboxCertificate {
  /** PEM certificate: trust it as the CA. */
  readonly cert: string;
  /** PEM private key. */
  readonly key: string;
}

let cached: Promise<SandboxCertificate> | undefined;

/**
 * A self-signed EC P-256 certificate for 127.0.0.1, ::1 and localhost, generated once per
 * process (every sandbox in the process serves the same one).
 */
export function sandboxCertificate(): Promise<SandboxCertificate> {
  cached ??= create().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function create(): Promise<SandboxCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 30 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
