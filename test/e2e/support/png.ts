import { crc32, deflateSync } from 'node:zlib';

/** A small bar chart of `values` as a PNG (base64): something a function might return as bytes. */
export function barChartPng(values: number[], width = 120, height = 64): string {
  const max = Math.max(...values, 1);
  const slot = Math.floor(width / values.length);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 0xff); // filter byte 0, then white RGB
    row[0] = 0;
    for (let x = 0; x < width; x++) {
      const bar = Math.floor(x / slot);
      const inBar = bar < values.length && x % slot >= 3 && x % slot < slot - 3;
      if (inBar && height - y <= Math.round((values[bar] / max) * (height - 4))) row.set([0x25, 0x63, 0xeb], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]).toString('base64');
}
