import type pg from 'pg';
import { validationError } from '../../domain/shared/errors.js';
import type { ContactRow } from '../../domain/contacts/contact-input.js';
import type { ContactRecord } from '../../domain/contacts/contact-record.js';
import { isStored, requestErrors } from '../../domain/contacts/upsert-outcome.js';
import { upsertContacts, type UpsertOptions } from '../../db/contacts/contact-upsert.js';
import { findContact } from '../../db/contacts/contact-store.js';
import { inTransaction } from '../../db/transaction.js';

export interface CreatedContact {
  /** 'updated' when a contact with the same phone or email existed (or won a race) and was updated instead. */
  status: 'created' | 'updated';
  contact: ContactRecord;
}

/** One contact through the batch upsert every import uses; a refused row is a validation error with its field errors. */
export async function createContact(pool: pg.Pool, tenantId: number, row: ContactRow, onExisting: UpsertOptions['onExisting']): Promise<CreatedContact> {
  const [outcome] = await inTransaction(pool, (client) => upsertContacts(client, tenantId, [{ row: 1, contact: row }], { onExisting }));
  if (!isStored(outcome)) throw validationError(requestErrors(outcome));
  return { status: outcome.status, contact: (await findContact(pool, tenantId, outcome.id))! };
}
