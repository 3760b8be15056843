import twilio from 'twilio';
import type { AppContext } from '../../http/context.js';

/** Answers a Twilio webhook with TwiML: a reply message when there is one, an empty response otherwise. */
export function answerTwiml(ctx: AppContext, reply?: string) {
  const response = new twilio.twiml.MessagingResponse();
  if (reply) response.message(reply);
  ctx.type = 'text/xml';
  ctx.body = response.toString();
}
