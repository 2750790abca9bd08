import { isLoopbackHost, UserError } from '../common/node/index.ts';

/**
 * Who may talk to the mock. On loopback, as before: no admin token, any non-empty access token
 * (or the one `--token` names). Bound anywhere else (a staging pod, `--host 0.0.0.0`), the mock
 * is reachable by a whole cluster, so it refuses to start unless the admin API has a token and
 * the Graph endpoints have their list of accepted access tokens. Tokens come from the environment
 * or from files (a mounted Secret), never from argv, where `ps` shows them to every user.
 */
export interface MockAccess {
  /** Required as `Authorization: Bearer <token>` on /__admin/*; undefined = open (loopback only). */
  adminToken?: string;
  /** The Graph access tokens accepted; undefined = any non-empty token (or `--token`'s). */
  accessTokens?: string[];
}

export const ADMIN_TOKEN_ENV = 'WA_MOCK_ADMIN_TOKEN';
export const ACCESS_TOKENS_ENV = 'WA_MOCK_ACCESS_TOKENS';
/** Off loopback an admin token shorter than this is refused: a guessable token is no lock. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

type Env = Record<string, string | undefined>;
type ReadFile = (path: string) => string;

/** `<NAME>` or `<NAME>_FILE` (trimmed file content); both set is a mistake, not a precedence rule. */
function readSecret(env: Env, name: string, readFile: ReadFile): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct && file)
    throw new UserError(`Could not read the mock's ${name}: both ${name} and ${name}_FILE are set. Unset one of them.`);
  if (file) {
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UserError(
        `Could not read ${name}_FILE ${file}: ${code}. Point it at a readable file holding the token (a mounted Secret).`,
      );
    }
    const value = text.trim();
    if (!value) throw new UserError(`Could not use ${name}_FILE ${file}: the file is empty. Put the token in it.`);
    return value;
  }
  return direct || undefined;
}

/** Resolves the mock's tokens for the address it binds; a UserError (exit 2) names what is missing. */
export function resolveMockAccess(input: { host: string; env: Env; readFile: ReadFile }): MockAccess {
  const { host, env, readFile } = input;
  const adminToken = readSecret(env, ADMIN_TOKEN_ENV, readFile);
  const tokensText = readSecret(env, ACCESS_TOKENS_ENV, readFile);
  const accessTokens = tokensText
    ?.split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (tokensText !== undefined && !accessTokens?.length)
    throw new UserError(`Could not read ${ACCESS_TOKENS_ENV}: it lists no token. Give one or more, comma-separated.`);
  if (!isLoopbackHost(host)) {
    if (!adminToken)
      throw new UserError(
        `Could not start the mock on ${host}: off loopback anyone who reaches it could reset its ledger or inject faults. Set ${ADMIN_TOKEN_ENV} (or ${ADMIN_TOKEN_ENV}_FILE) to a token of ${MIN_ADMIN_TOKEN_LENGTH}+ characters, or bind 127.0.0.1.`,
      );
    if (adminToken.length < MIN_ADMIN_TOKEN_LENGTH)
      throw new UserError(
        `Could not use ${ADMIN_TOKEN_ENV}: ${adminToken.length} characters is guessable off loopback. Use ${MIN_ADMIN_TOKEN_LENGTH} or more (e.g. openssl rand -hex 24).`,
      );
    if (!accessTokens)
      throw new UserError(
        `Could not start the mock on ${host}: off loopback its Graph endpoints accept only the access tokens configured for the run. Set ${ACCESS_TOKENS_ENV} (or ${ACCESS_TOKENS_ENV}_FILE) to the token(s) your connector sends, comma-separated.`,
      );
  }
  const access: MockAccess = {};
  if (adminToken) access.adminToken = adminToken;
  if (accessTokens) access.accessTokens = accessTokens;
  return access;
}

/** The token of an `Authorization: Bearer <token>` header (case-insensitive scheme); undefined otherwise. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
