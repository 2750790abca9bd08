/**
 * Webhook bodies shaped like Meta's current webhook reference and changelog (placeholder values
 * replaced by Meta's own example values): the shapes the model must accept.
 */
const meta = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };
const envelope = (field: string, value: object, id = '102290129340398') => ({
  object: 'whatsapp_business_account',
  entry: [{ id, changes: [{ value, field }] }],
});
const messagesValue = (extra: object) => ({ messaging_product: 'whatsapp', metadata: meta, ...extra });
const WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=';
const BSUID = 'US.13491208655302741918';

export const DOCUMENTED_PAYLOADS: Record<string, object> = {
  'user_preferences (stop marketing)': envelope(
    'user_preferences',
    messagesValue({
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
      user_preferences: [
        {
          wa_id: '16505551234',
          detail: 'User requested to stop marketing messages',
          category: 'marketing_messages',
          value: 'stop',
          timestamp: 1731705721,
        },
      ],
    }),
  ),
  phone_number_quality_update: envelope('phone_number_quality_update', {
    display_phone_number: '15550783881',
    event: 'FLAGGED',
    current_limit: 'TIER_10K',
    old_limit: 'TIER_1K',
  }),
  message_template_quality_update: envelope('message_template_quality_update', {
    previous_quality_score: 'GREEN',
    new_quality_score: 'YELLOW',
    message_template_id: 806312974732579,
    message_template_name: 'welcome_template',
    message_template_language: 'en_US',
  }),
  'request_welcome message': envelope(
    'messages',
    messagesValue({
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
      messages: [{ from: '16505551234', id: WAMID, timestamp: '1739321024', type: 'request_welcome' }],
    }),
  ),
  'interactive call_permission_reply': envelope(
    'messages',
    messagesValue({
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
      messages: [
        {
          context: { from: '15550783881', id: WAMID },
          from: '16505551234',
          id: WAMID,
          timestamp: '1739321024',
          type: 'interactive',
          interactive: {
            type: 'call_permission_reply',
            call_permission_reply: {
              response: 'accept',
              is_permanent: false,
              expiration_timestamp: 1739925824,
              response_source: 'user_action',
            },
          },
        },
      ],
    }),
  ),
  'message from a username user (no wa_id, no from)': envelope(
    'messages',
    messagesValue({
      contacts: [{ profile: { name: 'Sheena Nelson', username: '@sheena.n' }, user_id: BSUID }],
      messages: [{ from_user_id: BSUID, id: WAMID, timestamp: '1739321024', type: 'text', text: { body: 'hi' } }],
    }),
  ),
  'status with only recipient_user_id': envelope(
    'messages',
    messagesValue({
      statuses: [
        {
          id: WAMID,
          status: 'delivered',
          timestamp: '1739321024',
          recipient_user_id: BSUID,
          pricing: { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' },
        },
      ],
    }),
  ),
  'status to a group': envelope(
    'messages',
    messagesValue({
      statuses: [
        {
          id: WAMID,
          status: 'read',
          timestamp: '1739321024',
          recipient_id: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD',
          recipient_type: 'group',
          recipient_participant_id: '16505551234',
        },
      ],
    }),
  ),
  'calls-field status (business-initiated call ringing)': envelope(
    'calls',
    messagesValue({
      statuses: [
        {
          id: 'wacid.HBgLMTIxODU1NTI4MjgVAgARGCBGMkI0N0Q3Mzk3OTkzNzRGNTVDMUNDODg3RDcxQjZCNRwYCzEyMTg1NTUzNDE5FQIAAA',
          type: 'call',
          status: 'RINGING',
          timestamp: '1739321024',
          recipient_id: '16505551234',
        },
      ],
    }),
  ),
  'App Dashboard "Test" sample': {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '0',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '16505551111', phone_number_id: '123456123' },
              contacts: [{ profile: { name: 'test user name' }, wa_id: '16315551181' }],
              messages: [
                {
                  from: '16315551181',
                  id: 'ABGGFlA5Fpa',
                  timestamp: '1504902988',
                  type: 'text',
                  text: { body: 'this is a text message' },
                },
              ],
            },
          },
        ],
      },
    ],
  },
};

/** Well-formed envelopes carrying shapes no reference documents yet: kept, with a warning. */
export const UNKNOWN_SHAPES: Record<string, { body: object; warning: RegExp }> = {
  'a webhook field the model does not know': {
    body: envelope('smb_app_state_sync', {
      messaging_product: 'whatsapp',
      metadata: meta,
      state_sync: [{ type: 'contact' }],
    }),
    warning: /unknown webhook field "smb_app_state_sync"/,
  },
  'a message type the model does not know': {
    body: envelope(
      'messages',
      messagesValue({
        contacts: [{ profile: { name: 'A' }, wa_id: '16505551234' }],
        messages: [
          { from: '16505551234', id: WAMID, timestamp: '1739321024', type: 'hologram', hologram: { id: '1' } },
        ],
      }),
    ),
    warning: /unknown message type "hologram"/,
  },
};
