import { stringifyMeta } from '../../fixtures/index.ts';

/** Real-looking deliveries full of known PII; every string in PII_STRINGS must vanish from capture output. */
export const PII = {
  waba: '987654321098765',
  phoneNumberId: '123456789012345',
  display: '5511987650000',
  alice: '5511998877665',
  aliceName: 'Mariana Queiroz',
  bob: '919812345678',
  bobName: 'Rahul Verma',
  mediaId: '1122334455667788',
  mediaUrl: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1122334455667788&ext=1&hash=ATsecret',
  sha: 'Zm9vYmFyc2hhMjU2c2VjcmV0',
  inboundWamid: 'wamid.HBgNNTUxMTk5ODg3NzY2NRUCABIYFDNBMDEyM0FCQ0RFRjAxMjM0NTY3AA==',
  outboundWamid: 'wamid.HBgNNTUxMTk5ODg3NzY2NRUCABEYEjQxQkYxNzJDMTlFRkQ0RkE0RgA=',
  conversation: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a',
  cardName: 'Tia Cida Ferreira',
  cardPhone: '+55 11 91234-5678',
  cardWaId: '5511912345678',
  email: 'cida.ferreira@example.org',
  latitude: -23.561684,
  placeName: 'Rua Augusta 1500',
  sdpIp: '203.0.113.77',
  callId: 'wacid.HBgLMTIxODQ2NjQ0NTcVAgARGCBBRjg3MUJCNDNFQ0U4RjZGODVDQjlDQjQyNkU5OEFEMwA=',
} as const;

export const PII_STRINGS = [
  PII.waba,
  PII.phoneNumberId,
  PII.display,
  PII.alice,
  PII.aliceName,
  PII.bob,
  PII.bobName,
  PII.mediaId,
  PII.mediaUrl,
  PII.sha,
  PII.inboundWamid,
  PII.outboundWamid,
  PII.conversation,
  PII.clid,
  PII.cardName,
  PII.cardPhone,
  PII.cardWaId,
  PII.email,
  String(PII.latitude),
  PII.placeName,
  PII.sdpIp,
  PII.callId,
];

const metadata = { display_phone_number: PII.display, phone_number_id: PII.phoneNumberId };
const wrap = (field: string, value: object) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: PII.waba, changes: [{ value, field }] }],
});
const inbound = (messages: object[], contacts: object[] = [{ profile: { name: PII.aliceName }, wa_id: PII.alice }]) =>
  wrap('messages', { messaging_product: 'whatsapp', metadata, contacts, messages });
const msg = (id: string, type: string, content: unknown, extra: object = {}) => ({
  from: PII.alice,
  id,
  timestamp: '1749416383',
  ...extra,
  type,
  [type]: content,
});

export const PII_BODIES: string[] = [
  inbound([
    msg(
      PII.inboundWamid,
      'text',
      { body: `Olá, sou a ${PII.aliceName}, meu número é ${PII.alice} 😀` },
      { context: { from: PII.display, id: PII.outboundWamid } },
    ),
  ]),
  inbound([
    msg('wamid.SECONDaaaaaaaaaaaaaaaaaaaaaa', 'image', {
      caption: `Foto para ${PII.bobName}`,
      mime_type: 'image/jpeg',
      sha256: PII.sha,
      id: PII.mediaId,
      url: PII.mediaUrl,
    }),
  ]),
  inbound([
    {
      ...msg('wamid.THIRDbbbbbbbbbbbbbbbbbbbbbbbb', 'text', { body: 'Vi o anúncio' }),
      referral: {
        source_url: 'https://fb.me/abcSECRET',
        source_id: '120226305854810726',
        source_type: 'ad',
        ctwa_clid: PII.clid,
      },
    },
  ]),
  inbound([
    msg('wamid.FOURTHccccccccccccccccccccccc', 'contacts', [
      {
        name: { formatted_name: PII.cardName, first_name: 'Cida' },
        phones: [{ phone: PII.cardPhone, wa_id: PII.cardWaId, type: 'CELL' }],
        emails: [{ email: PII.email, type: 'HOME' }],
      },
    ]),
  ]),
  inbound([
    msg('wamid.FIFTHddddddddddddddddddddddddd', 'location', {
      latitude: PII.latitude,
      longitude: -46.655981,
      name: PII.placeName,
      address: `${PII.placeName}, São Paulo`,
    }),
  ]),
  inbound(
    [
      { ...msg('wamid.SIXTHeeeeeeeeeeeeeeeeeeeeeeeee', 'text', { body: 'oi' }), from: PII.bob },
      msg('wamid.SEVENTHfffffffffffffffffffffff', 'reaction', { message_id: PII.outboundWamid, emoji: '👍' }),
    ],
    [
      { profile: { name: PII.bobName }, wa_id: PII.bob },
      { profile: { name: PII.aliceName }, wa_id: PII.alice },
    ],
  ),
  wrap('messages', {
    messaging_product: 'whatsapp',
    metadata,
    statuses: [
      {
        id: PII.outboundWamid,
        status: 'read',
        timestamp: '1749416390',
        recipient_id: PII.alice,
        conversation: { id: PII.conversation, origin: { type: 'service' } },
        pricing: { billable: false, pricing_model: 'PMP', category: 'service' },
      },
    ],
  }),
  wrap('calls', {
    messaging_product: 'whatsapp',
    metadata,
    contacts: [{ profile: { name: PII.bobName }, wa_id: PII.bob }],
    calls: [
      {
        id: PII.callId,
        to: PII.display,
        from: PII.bob,
        event: 'connect',
        timestamp: '1749416400',
        direction: 'USER_INITIATED',
        session: { sdp_type: 'offer', sdp: `v=0\r\no=- 1 2 IN IP4 ${PII.sdpIp}\r\nc=IN IP4 ${PII.sdpIp}\r\n` },
      },
    ],
  }),
  wrap('account_update', { phone_number: PII.display, event: 'VERIFIED_ACCOUNT' }),
].map(stringifyMeta);

/** PII that hides inside text, usernames and interactive replies (issue 15). */
export const PII_MORE = {
  username: 'mariana.q_1990',
  textPhone: '+55 11 98765-4321',
  textPhoneLocal: '(11) 3456-7890',
  textPhoneUs: '+1 (415) 555-0132',
  textEmail: 'mariana.queiroz@gmail.com',
  street: 'Rua dos Pinheiros 870',
  listTitle: 'Entregar para Joana Prado',
  listDescription: 'Avenida Paulista 1578, apto 42',
  buttonTitle: 'Sim, sou o Joaquim',
  buttonText: 'Falar com Beatriz Lemos',
} as const;

/** Found anywhere in the output is a leak, with or without --scrub-text. */
export const PII_MORE_STRINGS = [
  PII_MORE.username,
  PII_MORE.textPhone,
  PII_MORE.textPhoneLocal,
  PII_MORE.textPhoneUs,
  PII_MORE.textEmail,
  '98765-4321',
  '3456-7890',
  '555-0132',
];
/** Free text the business or the user wrote: replaced under --scrub-text. */
export const PII_FREE_TEXT_STRINGS = [
  PII_MORE.street,
  PII_MORE.listTitle,
  PII_MORE.listDescription,
  PII_MORE.buttonTitle,
  PII_MORE.buttonText,
  PII.aliceName,
  PII.bobName,
];

const withUsername = [{ profile: { name: PII.aliceName, username: PII_MORE.username }, wa_id: PII.alice }];
export const PII_MORE_BODIES: string[] = [
  inbound(
    [
      msg('wamid.EIGHTHgggggggggggggggggggggggg', 'text', {
        body: `Me liga no ${PII_MORE.textPhone} ou ${PII_MORE.textPhoneLocal} (EUA: ${PII_MORE.textPhoneUs}), email ${PII_MORE.textEmail}. Moro na ${PII_MORE.street}.`,
      }),
    ],
    withUsername,
  ),
  inbound(
    [
      msg('wamid.NINTHhhhhhhhhhhhhhhhhhhhhhhhhhh', 'interactive', {
        type: 'list_reply',
        list_reply: { id: 'addr-1', title: PII_MORE.listTitle, description: PII_MORE.listDescription },
      }),
    ],
    withUsername,
  ),
  inbound(
    [
      msg('wamid.TENTHiiiiiiiiiiiiiiiiiiiiiiiiii', 'interactive', {
        type: 'button_reply',
        button_reply: { id: 'yes', title: PII_MORE.buttonTitle },
      }),
    ],
    withUsername,
  ),
  inbound(
    [msg('wamid.ELEVENTHjjjjjjjjjjjjjjjjjjjjjjj', 'button', { payload: 'talk', text: PII_MORE.buttonText })],
    withUsername,
  ),
].map(stringifyMeta);
