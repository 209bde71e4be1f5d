// Drops the custom sections a browser never uses (function names, producers) from a .wasm file,
// in place. The worker skips wasm-opt (see index.html), which would otherwise strip them; the
// names alone were 4.7 MB raw / 0.2 MB brotli. Usage: node strip-wasm-names.mjs file.wasm
import { readFileSync, writeFileSync } from "node:fs";

const DROPPED = new Set(["name", "producers"]);
const file = process.argv[2];
const bytes = readFileSync(file);
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file} is not a wasm module`);

function readLeb(at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return { value, next: at };
}

const kept = [bytes.subarray(0, 8)];
for (let at = 8; at < bytes.length;) {
  const start = at;
  const id = bytes[at];
  const size = readLeb(at + 1);
  const end = size.next + size.value;
  let drop = false;
  if (id === 0) {
    const nameLength = readLeb(size.next);
    drop = DROPPED.has(bytes.subarray(nameLength.next, nameLength.next + nameLength.value).toString());
  }
  if (!drop) kept.push(bytes.subarray(start, end));
  at = end;
}
writeFileSync(file, Buffer.concat(kept));
