/** Why a file cannot be imported at all; the activity boundary turns it into a non-retryable failure of this type. */
export type ImportFailureType = 'ImportFileEmpty' | 'ImportHeaderInvalid' | 'ImportWrongDelimiter' | 'ImportRecordTooLarge' | 'ImportFileMissing';

export class ImportFileError extends Error {
  constructor(readonly type: ImportFailureType, message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
