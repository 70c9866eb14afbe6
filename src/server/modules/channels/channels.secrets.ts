/**
 * Channel secrets at rest: AES-256-GCM under the server's secret key (KEFU_SECRET_KEY, or a random
 * key kept in the data directory), stored as `v1.<iv>.<tag>.<ciphertext>` in base64 parts. A
 * database copy alone does not give away the vendors' keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../../app/config';

const keys = new WeakMap<Config, Buffer>();

/** The key that seals channel secrets; created once in the data directory when not configured. */
export function secretKeyOf(config: Config): Buffer {
  const cached = keys.get(config);
  if (cached) return cached;
  let key: Buffer;
  if (config.secretKey) {
    key = /^[0-9a-fA-F]{64}$/.test(config.secretKey)
      ? Buffer.from(config.secretKey, 'hex')
      : Buffer.from(config.secretKey, 'base64');
  } else {
    const file = path.join(config.dataDir, 'secret.key');
    try {
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  }
  keys.set(config, key);
  return key;
}

export function sealSecrets(key: Buffer, secrets: Readonly<Record<string, string>>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(
    '.',
  );
}

export function openSecrets(key: Buffer, sealed: string): Record<string, string> {
  const [version, iv, tag, ct] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ct === undefined)
    throw new Error('sealed secrets of an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString(
    'utf8',
  );
  return JSON.parse(plain) as Record<string, string>;
}
