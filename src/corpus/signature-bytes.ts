/**
 * A signature's hashes as bytes: uint32 little-endian each, whatever the machine's byte order,
 * so a stored signature (state database, signatures file) reads back equal on any machine.
 */
export function hashesToBytes(hashes: Uint32Array): Buffer {
  const bytes = Buffer.alloc(hashes.length * 4)
  hashes.forEach((hash, i) => bytes.writeUInt32LE(hash, i * 4))
  return bytes
}

/** The hashes `hashesToBytes` wrote; the length must be a multiple of 4 (callers check and say where). */
export function hashesFromBytes(bytes: Buffer): Uint32Array {
  const hashes = new Uint32Array(bytes.length / 4)
  for (let i = 0; i < hashes.length; i++) hashes[i] = bytes.readUInt32LE(i * 4)
  return hashes
}
