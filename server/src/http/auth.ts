/**
 * Who is calling: a bearer JWT from the host's identity provider, verified with `jose` (issuer,
 * audience, expiry and not-before with a small clock tolerance, signature by a JWKS URL or a
 * PEM public key, RS256 or ES256 only). The user id comes from the configured claim; role and
 * account come from the directory, never from the token. With `--demo`, the demo tokens of the
 * README sign in as the demo users as well.
 */
import { createPublicKey } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey, type KeyObject } from 'jose';
import type { JwtConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { findMember, type Member } from '../db/directory.js';
import { ApiError } from './api-error.js';

export type Authenticate = (authorization: string | undefined) => Promise<Member>;

export function createAuthenticator(db: Database, jwt: JwtConfig | null, demoTokens: Record<string, string> | null): Authenticate {
  let key: JWTVerifyGetKey | KeyObject | null = null;
  if (jwt?.jwksUrl) key = createRemoteJWKSet(new URL(jwt.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  else if (jwt?.publicKey) key = createPublicKey(jwt.publicKey);

  const refuse = (message: string) => new ApiError(401, 'unauthorized', message);

  async function userIdOf(token: string): Promise<string> {
    const demoUser = demoTokens?.[token];
    if (demoUser) return demoUser;
    if (!jwt || !key) throw refuse('A valid bearer token is required.');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as KeyObject, {
        issuer: jwt.issuer,
        audience: jwt.audience,
        algorithms: jwt.algorithms,
        clockTolerance: jwt.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      // A JWKS endpoint that cannot be reached is our problem, not the caller's.
      const code = (error as { code?: string }).code ?? '';
      if (code === 'ERR_JWKS_TIMEOUT' || !code.startsWith('ERR_J')) {
        throw new ApiError(503, 'server-error', 'The identity provider\'s keys cannot be fetched right now.', { 'Retry-After': '5' });
      }
      throw refuse('The bearer token is not valid here (signature, issuer, audience or expiry).');
    }
    const userId = payload[jwt.userClaim];
    if (typeof userId !== 'string' || userId === '') throw refuse(`The token has no "${jwt.userClaim}" claim.`);
    return userId;
  }

  return async (authorization) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) throw refuse('A valid bearer token is required.');
    const member = await findMember(db.pool, await userIdOf(token));
    if (!member || !member.active) throw refuse('This user is not in the clinic\'s directory.');
    return member;
  };
}
