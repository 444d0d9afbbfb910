import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const env = (extra: Record<string, string>) => ({ NODE_ENV: 'test', ...extra }) as NodeJS.ProcessEnv;
const entra = {
  HAVEN_OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  HAVEN_OIDC_CLIENT_ID: 'client-id', HAVEN_OIDC_CLIENT_SECRET: 'secret',
};

describe('single sign-on configuration', () => {
  it('is off unless configured', () => {
    expect(loadConfig(env({})).sso).toEqual([]);
  });

  it('reads a provider with sensible defaults, and a second one', () => {
    const c = loadConfig(env({
      ...entra, HAVEN_OIDC_LABEL: 'Sign in with Microsoft',
      HAVEN_OIDC2_ISSUER: 'https://accounts.google.com', HAVEN_OIDC2_CLIENT_ID: 'g', HAVEN_OIDC2_CLIENT_SECRET: 's', HAVEN_OIDC2_SCOPES: 'openid  email',
    }));
    expect(c.sso).toEqual([
      { id: 'oidc', label: 'Sign in with Microsoft', issuer: entra.HAVEN_OIDC_ISSUER, clientId: 'client-id', clientSecret: 'secret', scopes: 'openid email profile' },
      { id: 'oidc2', label: 'Sign in with your organisation account', issuer: 'https://accounts.google.com', clientId: 'g', clientSecret: 's', scopes: 'openid email' },
    ]);
  });

  it.each([
    [{ HAVEN_OIDC_ISSUER: entra.HAVEN_OIDC_ISSUER }, 'HAVEN_OIDC_CLIENT_ID'],
    [{ HAVEN_OIDC_CLIENT_ID: 'x', HAVEN_OIDC_CLIENT_SECRET: 'y' }, 'HAVEN_OIDC_ISSUER'],
    [{ ...entra, HAVEN_OIDC_ISSUER: 'http://idp.example' }, 'HAVEN_OIDC_ISSUER'],
    [{ ...entra, HAVEN_OIDC_ISSUER: 'https://idp.example/?tenant=x' }, 'HAVEN_OIDC_ISSUER'],
    [{ ...entra, HAVEN_OIDC_SCOPES: 'email profile' }, 'HAVEN_OIDC_SCOPES'],
    [{ ...entra, NODE_ENV: 'production' }, 'HAVEN_PUBLIC_URL'],
  ])('refuses %j, naming %s', (vars, name) => {
    expect(() => loadConfig(env(vars))).toThrow(ConfigError);
    expect(() => loadConfig(env(vars))).toThrow(name);
  });

  it('allows plain http only for a provider on this machine', () => {
    expect(loadConfig(env({ ...entra, HAVEN_OIDC_ISSUER: 'http://127.0.0.1:8080' })).sso).toHaveLength(1);
    expect(loadConfig(env({ ...entra, HAVEN_OIDC_ISSUER: 'http://localhost:8080/realms/x' })).sso).toHaveLength(1);
  });
});
