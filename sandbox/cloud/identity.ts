/**
 * How the local cloud simulates WeChat's identity. In WeChat the platform, not the client, tells
 * a function who is calling (OPENID from the login session). Locally the cloud plays that part:
 * on a browser's first call it issues an openid `o_local_<random>` and hands the browser a token
 * `<openid>.<HMAC(openid)>` (cookie `local_identity`, also returned in the body for clients that
 * prefer a header). The token is signed with a key kept in the data directory, so a client can
 * keep its identity across restarts but cannot choose or forge another shopper's openid.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hmacSha256Hex, randomToken, safeEqual } from '../../server/platform/crypto';

export const IDENTITY_COOKIE = 'local_identity';
/** Where the shopper's identity waits while the browser is switched to the merchant's administrator. */
export const SHOPPER_COOKIE = 'local_identity_shopper';
/** The local shop's merchant administrator (the local shop's ADMIN_OPENIDS unless overridden). */
export const LOCAL_ADMIN_OPENID = 'o_local_merchantadmin00000000000';
export const IDENTITY_HEADER = 'x-local-identity';
const OPENID_PATTERN = /^o_local_[A-Za-z0-9]{24}$/;

export class IdentityIssuer {
  constructor(private readonly key: string) {}

  /** A key that survives restarts when a file is given (shoppers keep their orders), random otherwise. */
  static fromKeyFile(file: string | undefined): IdentityIssuer {
    if (!file) return new IdentityIssuer(randomBytes(32).toString('hex'));
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    return new IdentityIssuer(readFileSync(file, 'utf8').trim());
  }

  issue(openid = `o_local_${randomToken(24)}`): { openid: string; token: string } {
    return { openid, token: `${openid}.${this.sign(openid)}` };
  }

  /** The openid a token proves, or undefined for anything forged, altered or malformed. */
  verify(token: string | undefined): string | undefined {
    if (!token) return undefined;
    const dot = token.lastIndexOf('.');
    if (dot < 0) return undefined;
    const openid = token.slice(0, dot);
    if (!OPENID_PATTERN.test(openid)) return undefined;
    return safeEqual(token.slice(dot + 1), this.sign(openid)) ? openid : undefined;
  }

  private sign(openid: string): string {
    return hmacSha256Hex(this.key, `local-identity:${openid}`);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A garbled cookie proves nothing: the caller gets a new identity rather than an error on every call.
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
