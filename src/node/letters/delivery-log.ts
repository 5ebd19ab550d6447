import type { DeliveryLog } from '../../app/ports';
import { type Delivery, DeliveryLogSchema } from '../../core/letters/delivery';
import { paths, readJsonFile, writeJson } from '../campaign/files';

/** deliveries.json in the campaign folder: every letter the department marked as sent. */
export class FolderDeliveryLog implements DeliveryLog {
  constructor(private readonly dir: string) {}

  deliveries(): Delivery[] {
    return readJsonFile(paths(this.dir).deliveries, DeliveryLogSchema) ?? [];
  }

  record(entries: Delivery[]): void {
    writeJson(paths(this.dir).deliveries, [...this.deliveries(), ...entries]);
  }
}
