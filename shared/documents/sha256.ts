import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 of `text` encoded as UTF-8, as lowercase hex. Synchronous, so a signing plan stays a
 * pure function; @noble/hashes is audited and maintained, where Web Crypto's digest is async.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
