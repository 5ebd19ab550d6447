/**
 * EmbeddedChart of SpreadsheetApp over the charts that addChart put on a sheet: its id, its options (the title) and
 * its picture. The picture is a PNG of the chart's size in which nothing is drawn (the fake has no chart renderer):
 * tests check where pictures go and how big they are, not what they show.
 */
import { deflateSync } from 'node:zlib';
import type { ChartModel } from './model';
import { track, type Env } from './runtime';
import { makeBlob, type FakeBlob } from './utilities';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 255] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A white greyscale PNG of width × height. */
export function blankPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export class FakeChartOptions {
  constructor(private readonly spec: Record<string, unknown>) {}
  get(option: string): unknown {
    return option === 'title' ? (this.spec['title'] ?? null) : null;
  }
}

export class FakeEmbeddedChart {
  constructor(
    private readonly env: Env,
    private readonly model: ChartModel,
  ) {}
  getChartId(): number {
    return this.model.id;
  }
  getOptions(): FakeChartOptions {
    return track(this.env, 'ChartOptions', new FakeChartOptions(this.model.spec));
  }
  getAs(contentType: string): FakeBlob {
    if (String(contentType) !== 'image/png') throw this.env.ws.error(`Converting from image/png to ${String(contentType)} is not supported.`);
    return this.getBlob();
  }
  getBlob(): FakeBlob {
    const png = blankPng(this.model.widthPx, this.model.heightPx);
    return makeBlob(this.env, png.toString('latin1'), 'image/png', `chart-${this.model.id}.png`, png);
  }
}

export const makeEmbeddedChart = (env: Env, model: ChartModel): FakeEmbeddedChart => track(env, 'EmbeddedChart', new FakeEmbeddedChart(env, model));
