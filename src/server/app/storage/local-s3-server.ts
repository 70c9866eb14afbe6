import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
// s3rver ships no types; tests use only its constructor, run() and close().
// @ts-expect-error -- untyped development dependency
import S3rver from 's3rver';

export interface LocalS3Server {
  /** The KEFU_S3_* settings that point Kefu at this server. */
  env: Record<string, string>;
  /** Keys of every object in the bucket, read from the server's own directory. */
  objectKeys(): string[];
  close(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** A throwaway S3-compatible server on 127.0.0.1 at a random port, for tests only. */
export async function startLocalS3Server(bucket = 'kefu-test'): Promise<LocalS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-s3-'));
  const Server = S3rver as new (options: Record<string, unknown>) => S3rverInstance;
  const server = new Server({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    env: {
      KEFU_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      KEFU_S3_BUCKET: bucket,
      KEFU_S3_REGION: 'us-east-1',
      // s3rver's fixed credentials.
      KEFU_S3_ACCESS_KEY_ID: 'S3RVER',
      KEFU_S3_SECRET_ACCESS_KEY: 'S3RVER',
      KEFU_S3_FORCE_PATH_STYLE: '1',
    },
    objectKeys: () => {
      const bucketDir = path.join(directory, bucket);
      if (!fs.existsSync(bucketDir)) return [];
      // s3rver keeps each object as `<key>._S3rver_object` beside its metadata files.
      return (fs.readdirSync(bucketDir, { recursive: true }) as string[])
        .filter((f) => f.endsWith('._S3rver_object'))
        .map((f) => f.slice(0, -'._S3rver_object'.length).split(path.sep).join('/'));
    },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
