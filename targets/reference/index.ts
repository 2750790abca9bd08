/**
 * The reference WhatsApp connector: a correct webhook receiver (signature, fast ack, dedupe,
 * mark-as-read + threaded reply with retries and a circuit breaker) with switchable seeded
 * defects, used as `--target builtin` and by calibration.
 *
 * @example
 * import { startConnector } from './index.ts';
 * const connector = await startConnector({ appSecret: 's3cret', accessToken: 'token', graphBaseUrl: 'http://127.0.0.1:4010' });
 * // POST signed webhooks to `${connector.url}/webhook` …
 * await connector.close();
 */
export { startConnector, type RunningConnector } from './server.ts';

/**
 * zod schema of the connector config; `ConnectorConfigInput` is what you pass, with defaults
 * filled in `ResolvedConnectorConfig`.
 *
 * @example
 * const config = connectorConfigSchema.parse({ appSecret: 's', accessToken: 't', defect: 'slow-ack' });
 * config.slowAckMs; // 6000
 */
export {
  connectorConfigSchema,
  DEFAULT_MAX_BODY_BYTES,
  type ConnectorConfigInput,
  type ResolvedConnectorConfig,
} from './config.ts';

/**
 * The seeded defects with one-line descriptions, for docs and the calibration matrix.
 *
 * @example
 * for (const [mode, description] of Object.entries(DEFECTS)) console.log(mode, description);
 */
export { DEFECTS, DEFECT_NAMES, type Defect } from './defects.ts';

/**
 * Flags + environment → validated config (defaults < env < flags), for CLI entry files.
 *
 * @example
 * const config = resolveCliConfig(['--port', '0', '--defect', 'no-dedupe'], process.env);
 */
export { resolveCliConfig, CLI_OPTIONS } from './cli-config.ts';
