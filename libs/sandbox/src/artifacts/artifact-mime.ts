import { sniffMime } from '../function/mime-sniffer';

/**
 * A header line and at least one row, every line with the same number of fields (commas or
 * tabs outside quotes). Only the start is looked at: a cut file has a cut last line.
 */
function looksDelimited(text: string, delimiter: string): boolean {
  const lines = text.slice(0, 8192).split(/\r?\n/).slice(0, 20);
  if (text.length > 8192 || lines[lines.length - 1] === '') lines.pop();
  const fields = lines.map((line) => line.replace(/"[^"]*"/g, '').split(delimiter).length);
  return lines.length >= 2 && fields[0] > 1 && fields.every((n) => n === fields[0]);
}

/** An artifact's MIME type: function mode's detector, with comma- and tab-separated tables told apart from plain text. */
export async function artifactMime(bytes: Buffer): Promise<string> {
  const mime = await sniffMime(bytes);
  if (mime !== 'text/plain') return mime;
  const text = bytes.toString('utf8');
  if (looksDelimited(text, ',')) return 'text/csv';
  if (looksDelimited(text, '\t')) return 'text/tab-separated-values';
  return mime;
}
