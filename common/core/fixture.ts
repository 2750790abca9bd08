import type { CompiledTemplate } from './template.ts';

/** A fixture ready to replay: manifest entry plus its compiled raw body. */
export interface LoadedFixture {
  name: string;
  /** Webhook field: messages, calls, message_template_status_update, account_update, … */
  field: string;
  /** Update type, e.g. text, image, status-read, calls-connect. */
  type: string;
  /** Default weight in the traffic mix. */
  weight: number;
  /** The raw body exactly as stored (placeholders unfilled). */
  raw: string;
  template: CompiledTemplate;
}
