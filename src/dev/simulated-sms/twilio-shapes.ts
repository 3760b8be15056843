/** Twilio's REST resource shapes (2010-04-01 API) as the simulated provider server answers them. */
export interface StoredMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  status: string;
  statusCallback: string | null;
  segments: number;
  dateCreated: Date;
  dateSent: Date | null;
  dateUpdated: Date;
  errorCode: number | null;
}

/** RFC 2822 with a numeric zone, the only form twilio-node parses. */
export const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

export function messageResource(m: StoredMessage) {
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: m.dateSent ? rfc2822(m.dateSent) : null,
    date_updated: rfc2822(m.dateUpdated),
    direction: 'outbound-api',
    error_code: m.errorCode,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(m.segments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`,
  };
}

export function errorResource(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export function accountResource(sid: string) {
  return { sid, friendly_name: 'Simulated account', status: 'active', type: 'Full', date_created: rfc2822(new Date(0)), uri: `/2010-04-01/Accounts/${sid}.json` };
}

/** IncomingPhoneNumbers list page: the account's numbers matching the PhoneNumber filter. */
export function incomingNumbersPage(sid: string, numbers: string[]) {
  return {
    incoming_phone_numbers: numbers.map((phone, i) => ({
      sid: `PN${String(i + 1).padStart(32, '0')}`,
      account_sid: sid,
      phone_number: phone,
      friendly_name: phone,
      capabilities: { voice: true, sms: true, mms: true, fax: false },
      status: 'in-use',
    })),
    end: Math.max(0, numbers.length - 1),
    first_page_uri: `/2010-04-01/Accounts/${sid}/IncomingPhoneNumbers.json?PageSize=50&Page=0`,
    next_page_uri: null,
    page: 0,
    page_size: 50,
    previous_page_uri: null,
    start: 0,
    uri: `/2010-04-01/Accounts/${sid}/IncomingPhoneNumbers.json?PageSize=50&Page=0`,
  };
}
