import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { documentKey, documentPrefix, isLeft, isTenantId, t, type DocumentStore } from '@motcua/core';
import type { Principal } from '../auth.js';

/**
 * A counter tablet's or kiosk's credential (docs/device-ratings.md): issued and revoked by the system
 * role, scoped to one province and one unit. Kept as a document of `device-credentials` in the server's
 * document store, with a SHA-256 hash of its secret, never the secret itself.
 */
export interface DeviceRecord {
  readonly deviceId: string;
  readonly tenantId: string;
  readonly unitId: string;
  readonly label?: string;
  readonly issuedAt: string;
  readonly revokedAt?: string;
}

interface StoredDevice extends DeviceRecord {
  readonly secretHash: string;
}

export const DEVICE_CREDENTIALS = 'device-credentials';

const Stored = t.intersection([
  t.type({ deviceId: t.string, tenantId: t.string, unitId: t.string, issuedAt: t.string, secretHash: t.string }),
  t.partial({ label: t.string, revokedAt: t.string }),
]);

/** `mcd_<province>.<device id>.<secret>`: what the device sends as `Authorization: Bearer …`. */
const CREDENTIAL = /^mcd_([a-z0-9][a-z0-9-]{0,62})\.(dev_[A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/;

export const isDeviceCredential = (token: string): boolean => token.startsWith('mcd_');

const hash = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

const keyOf = (tenantId: string, deviceId: string): string => documentKey(tenantId, deviceId);

const shown = ({ secretHash: _hash, ...record }: StoredDevice): DeviceRecord => record;

export class DeviceCredentials {
  constructor(
    private readonly documents: DocumentStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new device of `unitId`; the credential is in the answer only. */
  async issue(tenantId: string, unitId: string, label?: string): Promise<{ readonly device: DeviceRecord; readonly credential: string }> {
    const deviceId = `dev_${randomBytes(9).toString('base64url')}`;
    const secret = randomBytes(32).toString('base64url');
    const stored: StoredDevice = {
      deviceId,
      tenantId,
      unitId,
      ...(label === undefined ? {} : { label }),
      issuedAt: new Date(this.now()).toISOString(),
      secretHash: hash(secret).toString('hex'),
    };
    await this.put(stored);
    return { device: shown(stored), credential: `mcd_${tenantId}.${deviceId}.${secret}` };
  }

  async list(tenantId: string): Promise<readonly DeviceRecord[]> {
    const found: DeviceRecord[] = [];
    let after: string | undefined;
    do {
      const page = await this.documents.list(DEVICE_CREDENTIALS, { prefix: documentPrefix(tenantId), limit: 500, ...(after === undefined ? {} : { after }) });
      for (const [key, value] of page.documents) found.push(shown(this.decode(key, value)));
      after = page.next;
    } while (after !== undefined);
    return found;
  }

  /** Revokes a device: its credential stops working at once; the record stays, with when. False when unknown or already revoked. */
  async revoke(tenantId: string, deviceId: string): Promise<boolean> {
    const stored = await this.get(tenantId, deviceId);
    if (stored === undefined || stored.revokedAt !== undefined) return false;
    await this.put({ ...stored, revokedAt: new Date(this.now()).toISOString() });
    return true;
  }

  /** The device's principal, or undefined for a credential that is malformed, unknown, wrong or revoked. */
  async principalOf(credential: string): Promise<Principal | undefined> {
    const match = CREDENTIAL.exec(credential);
    if (match === null) return undefined;
    const [, tenantId = '', deviceId = '', secret = ''] = match;
    if (!isTenantId(tenantId)) return undefined;
    const stored = await this.get(tenantId, deviceId);
    if (stored === undefined || stored.revokedAt !== undefined) return undefined;
    const expected = Buffer.from(stored.secretHash, 'hex');
    const given = hash(secret);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return { sub: deviceId, role: 'device', tenantId, unitIds: [stored.unitId], subjectId: deviceId };
  }

  private async get(tenantId: string, deviceId: string): Promise<StoredDevice | undefined> {
    if (deviceId.length === 0 || deviceId.includes('/')) return undefined;
    const key = keyOf(tenantId, deviceId);
    const value = (await this.documents.getMany(DEVICE_CREDENTIALS, [key])).get(key);
    return value === undefined ? undefined : this.decode(key, value);
  }

  private decode(key: string, value: unknown): StoredDevice {
    const decoded = Stored.decode(value);
    if (isLeft(decoded)) throw new Error(`${DEVICE_CREDENTIALS}: document ${key} is not a device credential`);
    return decoded.right;
  }

  private async put(stored: StoredDevice): Promise<void> {
    await this.documents.commit(DEVICE_CREDENTIALS, { version: 1, checkpoint: 0, documents: new Map([[keyOf(stored.tenantId, stored.deviceId), stored]]) });
  }
}
