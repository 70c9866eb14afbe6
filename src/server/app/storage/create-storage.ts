import path from 'node:path';
import type { Config } from '../config';
import { createDirectoryStorage } from './directory-storage';
import type { FileStorage } from './storage';

/**
 * The configured storage: S3-compatible when KEFU_S3_ENDPOINT is set, else `<KEFU_DATA_DIR>/files`.
 * The S3 SDK is loaded only when configured: it would otherwise add tens of MB to every server.
 */
export async function createStorage(config: Config): Promise<FileStorage> {
  if (config.s3Endpoint && config.s3Bucket && config.s3AccessKeyId && config.s3SecretAccessKey) {
    const { createS3Storage } = await import('./s3-storage');
    return createS3Storage({
      endpoint: config.s3Endpoint,
      bucket: config.s3Bucket,
      region: config.s3Region ?? 'us-east-1',
      accessKeyId: config.s3AccessKeyId,
      secretAccessKey: config.s3SecretAccessKey,
      forcePathStyle: config.s3ForcePathStyle ?? false,
    });
  }
  return createDirectoryStorage(path.resolve(config.dataDir, 'files'));
}
