/**
 * ISO 8601 durations of the form `PnDTnHnMnS` (what ARM uses for `idleTimeBeforeShutdown`):
 * days, hours, minutes and seconds, any subset but at least one, seconds may carry a fraction
 * (`PT1.5S`). Years, months and weeks are refused: a month has no fixed length, and ARM does
 * not use them here. Designators are upper case, as ISO 8601 and .NET's XmlConvert write them.
 */
const DURATION = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Milliseconds of a `PnDTnHnMnS` duration, or undefined when the text is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  const ms = ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Math.round(Number(s.replace(',', '.')) * 1000);
  return Number.isSafeInteger(ms) ? ms : undefined;
}
