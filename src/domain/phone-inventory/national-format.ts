/** "+14155550123" → "(415) 555-0123"; numbers outside NANP keep their E.164 form. */
export function nationalFormat(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}
