/**
 * The message encryption of WeCom callbacks, used by WeChat customer service (微信客服):
 *   - msg_signature = SHA1 of token, timestamp, nonce and the ciphertext, sorted and concatenated;
 *   - AESKey = Base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC with IV = the key's first 16
 *     bytes and PKCS#7 padding to a multiple of 32 bytes;
 *   - plaintext = 16 random bytes + message length (4 bytes, network order) + message + receiver id
 *     (the CorpID), the receiver id telling which company the message is for.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

export class WechatCryptoError extends Error {
  constructor(
    readonly reason: 'bad_signature' | 'bad_key' | 'bad_ciphertext' | 'wrong_receiver',
    message: string,
  ) {
    super(message);
  }
}

export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey))
    throw new WechatCryptoError('bad_key', 'EncodingAESKey must be 43 letters or digits');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WechatCryptoError('bad_key', 'EncodingAESKey does not decode to 32 bytes');
  return key;
}

export function msgSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

export function signatureMatches(
  token: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
  given: string,
): boolean {
  const expected = Buffer.from(msgSignature(token, timestamp, nonce, encrypted));
  const actual = Buffer.from(given.toLowerCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function decryptMessage(
  encodingAesKey: string,
  encrypted: string,
): { message: string; receiveId: string } {
  const key = aesKeyOf(encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch {
    throw new WechatCryptoError('bad_ciphertext', 'ciphertext does not decrypt');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || pad > plain.length)
    throw new WechatCryptoError('bad_ciphertext', 'bad padding');
  const content = plain.subarray(16, plain.length - pad);
  if (content.length < 4) throw new WechatCryptoError('bad_ciphertext', 'too short');
  const length = content.readUInt32BE(0);
  if (4 + length > content.length) throw new WechatCryptoError('bad_ciphertext', 'length past the end');
  return {
    message: content.subarray(4, 4 + length).toString('utf8'),
    receiveId: content.subarray(4 + length).toString('utf8'),
  };
}

export function encryptMessage(
  encodingAesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(16),
): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const raw = Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = BLOCK - (raw.length % BLOCK);
  const padded = Buffer.concat([raw, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/**
 * Checks the signature, decrypts and checks the receiver: what a callback (URL verification echo
 * or event body) carries, or a WechatCryptoError saying why it is refused.
 */
export function openCallback(
  settings: { token: string; encodingAesKey: string; receiveId: string },
  query: { msgSignature: string; timestamp: string; nonce: string },
  encrypted: string,
): string {
  if (!signatureMatches(settings.token, query.timestamp, query.nonce, encrypted, query.msgSignature))
    throw new WechatCryptoError('bad_signature', 'msg_signature does not match');
  const { message, receiveId } = decryptMessage(settings.encodingAesKey, encrypted);
  if (settings.receiveId && receiveId !== settings.receiveId)
    throw new WechatCryptoError('wrong_receiver', 'message is for another CorpID');
  return message;
}

/** The text of one XML element (CDATA or plain), enough for the flat callback documents. */
export function xmlField(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  if (!m) return null;
  return m[1] ?? m[2] ?? '';
}
