import type { ConsoleSignIn } from './console-settings';

/**
 * The Content-Security-Policy of every console response: nothing inline, nothing from elsewhere
 * except the Entra authority MSAL.js talks to (token requests, and the hidden frame of silent renewal).
 */
export function contentSecurityPolicy(signIn: ConsoleSignIn): string {
  const authority = signIn.kind === 'entra' ? ` ${new URL(signIn.authority).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${authority}`,
    `frame-src${authority || " 'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(signIn: ConsoleSignIn): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(signIn),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Strict-Transport-Security': 'max-age=31536000',
  };
}
