import type { FieldErrors } from '../shared/errors.js';

export type ContactKey = 'phone_e164' | 'email';

/** What the contact upsert did with one row; `row` is the caller's number for it (request position, file line). */
export type UpsertOutcome =
  | { row: number; status: 'created' | 'updated'; id: number }
  /** The row repeats an earlier row of the same batch (`of`) by `key`: the first occurrence wins. */
  | { row: number; status: 'skipped'; cause: 'repeats-row'; of: number; key: ContactKey }
  /** An earlier row of the batch already updates the contact this row matches. */
  | { row: number; status: 'skipped'; cause: 'contact-taken'; id: number }
  /** The phone belongs to one contact and the email to another. */
  | { row: number; status: 'rejected'; cause: 'keys-split'; phoneOwner: number; emailOwner: number }
  /** Create-only callers: a live contact already holds this phone or email. */
  | { row: number; status: 'rejected'; cause: 'exists'; id: number; key: ContactKey }
  /** The contact it matched kept changing under concurrent writers for every attempt; nothing was written. */
  | { row: number; status: 'rejected'; cause: 'unsettled' };

export type StoredOutcome = Extract<UpsertOutcome, { status: 'created' | 'updated' }>;
export type RefusedOutcome = Exclude<UpsertOutcome, StoredOutcome>;

export const isStored = (o: UpsertOutcome): o is StoredOutcome => o.status === 'created' || o.status === 'updated';

/** A refused row as the JSON APIs report it: field errors, rows named by their position in the request. */
export function requestErrors(o: RefusedOutcome): FieldErrors {
  switch (o.cause) {
    case 'repeats-row':
      return { [o.key]: [`Duplicate of row ${o.of} in this request (same ${o.key}).`] };
    case 'contact-taken':
      return { non_field_errors: [`Another row in this request already updates contact ${o.id}.`] };
    case 'keys-split':
      return { non_field_errors: [`phone_e164 belongs to contact ${o.phoneOwner} and email to contact ${o.emailOwner}.`] };
    case 'exists':
      return { [o.key]: [`A contact with this ${o.key === 'email' ? 'email' : 'phone number'} already exists.`] };
    case 'unsettled':
      return { non_field_errors: ['Could not store this contact; please retry.'] };
  }
}

/** A refused row as the file import reports it (rejected.csv's reason column), rows named by their line. */
export function fileReason(o: RefusedOutcome): string {
  switch (o.cause) {
    case 'repeats-row':
      return `Duplicate of row ${o.of} in the file (same ${o.key}).`;
    case 'contact-taken':
      return `Another row in this batch already updates contact ${o.id}.`;
    case 'keys-split':
      return `The phone belongs to contact ${o.phoneOwner} and the email to contact ${o.emailOwner}.`;
    case 'exists':
      return `A contact with this ${o.key === 'email' ? 'email' : 'phone number'} already exists.`;
    case 'unsettled':
      return 'Another import or request kept changing this contact at the same moment; import the row again.';
  }
}
