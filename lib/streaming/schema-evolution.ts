import * as avro from 'avsc';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';

/**
 * The schema evolution gate: every contract under `contracts/<name>/` holds its
 * versions as `v1.avsc`, `v2.avsc`, ... (Avro) or `v1.proto`, `v2.proto`, ...
 * (Protobuf). Each version is checked against the previous one (or all previous
 * ones for the `*_ALL` modes) in the direction the declared compatibility requires,
 * with the real parsers: avsc's schema resolution for Avro, protobufjs for Protobuf.
 *
 * - BACKWARD: consumers on the new version read data written with the old one.
 * - FORWARD: consumers on the old version read data written with the new one.
 * - FULL: both. NONE: nothing is checked (each version must still parse).
 */

export type SchemaFormat = 'AVRO' | 'PROTOBUF';
export type Compatibility = 'NONE' | 'BACKWARD' | 'BACKWARD_ALL' | 'FORWARD' | 'FORWARD_ALL' | 'FULL' | 'FULL_ALL';

/** The contracts folder of the repository. */
export const CONTRACTS_DIR = path.join(__dirname, '..', '..', 'contracts');

/** File extension of each format. */
export const SCHEMA_EXTENSIONS: Record<SchemaFormat, string> = { AVRO: '.avsc', PROTOBUF: '.proto' };

/** One version of a contract. */
export interface SchemaVersion {
  readonly version: number;
  readonly file: string;
  readonly definition: string;
}

/** One broken rule between two versions, in words a schema author acts on. */
export interface EvolutionProblem {
  /** The version that breaks compatibility. */
  readonly version: number;
  /** The earlier version it was checked against. */
  readonly against: number;
  /** BACKWARD (new reads old) or FORWARD (old reads new), or PARSE. */
  readonly direction: 'BACKWARD' | 'FORWARD' | 'PARSE';
  readonly explanation: string;
}

/** The versions of a contract, in version order. Throws if the folder has none or skips a number. */
export function loadContract(name: string, format: SchemaFormat, dir: string = CONTRACTS_DIR): SchemaVersion[] {
  const folder = path.join(dir, name);
  const ext = SCHEMA_EXTENSIONS[format];
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(ext)) : [];
  const versions = files
    .map((f) => ({ f, m: new RegExp(`^v(\\d+)\\${ext}$`).exec(f) }))
    .map(({ f, m }) => {
      if (!m) throw new Error(`contracts/${name}/${f}: allowed file names: v1${ext}, v2${ext}, ...`);
      return { version: Number(m[1]), file: path.join(folder, f), definition: fs.readFileSync(path.join(folder, f), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  if (versions.length === 0) throw new Error(`contracts/${name}: no ${format} schema (v1${ext}); allowed: a folder with v1${ext}, v2${ext}, ...`);
  versions.forEach((v, i) => {
    if (v.version !== i + 1) throw new Error(`contracts/${name}: versions must be numbered v1, v2, ... without gaps; found v${v.version} at position ${i + 1}`);
  });
  return versions;
}

/** Checks each version against its predecessors as `compatibility` requires. */
export function checkEvolution(format: SchemaFormat, compatibility: Compatibility, versions: readonly SchemaVersion[]): EvolutionProblem[] {
  const problems: EvolutionProblem[] = [];
  const parsed = new Map<number, unknown>();
  for (const v of versions) {
    try {
      parsed.set(v.version, format === 'AVRO' ? avro.Type.forSchema(JSON.parse(v.definition) as avro.Schema) : parseProto(v.definition));
    } catch (e) {
      problems.push({ version: v.version, against: v.version, direction: 'PARSE', explanation: `does not parse as ${format}: ${(e as Error).message}` });
    }
  }
  if (problems.length > 0 || compatibility === 'NONE') return problems;
  const transitive = compatibility.endsWith('_ALL');
  const backward = compatibility.startsWith('BACKWARD') || compatibility.startsWith('FULL');
  const forward = compatibility.startsWith('FORWARD') || compatibility.startsWith('FULL');
  versions.forEach((v, i) => {
    const earlier = transitive ? versions.slice(0, i) : versions.slice(Math.max(0, i - 1), i);
    for (const old of earlier) {
      const next = parsed.get(v.version);
      const prev = parsed.get(old.version);
      const check = (reader: unknown, writer: unknown, readerIsNewer: boolean) =>
        format === 'AVRO'
          ? avroCanRead(reader as avro.Type, writer as avro.Type)
          : protoCanRead(reader as protobuf.Type, writer as protobuf.Type, readerIsNewer);
      if (backward) for (const e of check(next, prev, true)) problems.push({ version: v.version, against: old.version, direction: 'BACKWARD', explanation: e });
      if (forward) for (const e of check(prev, next, false)) problems.push({ version: v.version, against: old.version, direction: 'FORWARD', explanation: e });
    }
  });
  return problems;
}

/** Renders problems for a contract, one per line, saying who cannot read what. */
export function describeProblems(contract: string, compatibility: Compatibility, problems: readonly EvolutionProblem[]): string[] {
  return problems.map((p) => {
    if (p.direction === 'PARSE') return `contracts/${contract} v${p.version} ${p.explanation}`;
    const who =
      p.direction === 'BACKWARD'
        ? `consumers on v${p.version} cannot read records written with v${p.against}`
        : `consumers still on v${p.against} cannot read records written with v${p.version}`;
    return `contracts/${contract} v${p.version} breaks ${compatibility} (${p.direction} against v${p.against}): ${who}: ${p.explanation}`;
  });
}

/** Avro: can `reader` resolve data written with `writer`? (avsc's schema resolution rules.) */
function avroCanRead(reader: avro.Type, writer: avro.Type): string[] {
  try {
    reader.createResolver(writer);
    return [];
  } catch (e) {
    const message = (e as Error).message;
    const field = /no matching field for default-less (\S+)/.exec(message);
    if (field) return [`field '${field[1]}' has no default, and the writer's records do not have it (give it a default or keep it out)`];
    return [message];
  }
}

/** The first message declared in a .proto file: the record type of the topic. */
function parseProto(definition: string): protobuf.Type {
  const root = protobuf.parse(definition, { keepCase: true }).root;
  root.resolveAll();
  const first = findFirstType(root);
  if (!first) throw new Error('declares no message');
  return first;
}

function findFirstType(ns: protobuf.NamespaceBase): protobuf.Type | undefined {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) return nested;
    if (nested instanceof protobuf.Namespace) {
      const found = findFirstType(nested);
      if (found) return found;
    }
  }
  return undefined;
}

/** Wire-compatible scalar groups (protobuf language guide, "Updating a message type"). */
const WIRE_GROUPS: readonly (readonly string[])[] = [
  ['int32', 'uint32', 'int64', 'uint64', 'bool'],
  ['sint32', 'sint64'],
  ['fixed32', 'sfixed32'],
  ['fixed64', 'sfixed64'],
  ['string', 'bytes'],
];

function wireCompatible(a: protobuf.Field, b: protobuf.Field): boolean {
  if (a.resolvedType || b.resolvedType) {
    const an = a.resolvedType instanceof protobuf.Enum ? 'enum' : a.resolvedType?.name;
    const bn = b.resolvedType instanceof protobuf.Enum ? 'enum' : b.resolvedType?.name;
    if (an === 'enum' || bn === 'enum') return (an === 'enum' || ['int32', 'uint32', 'int64', 'uint64'].includes(a.type)) && (bn === 'enum' || ['int32', 'uint32', 'int64', 'uint64'].includes(b.type));
    if (a.resolvedType && b.resolvedType) return true; // nested messages are compared recursively
    return a.type === 'bytes' || b.type === 'bytes'; // embedded message and bytes share a wire type
  }
  return a.type === b.type || WIRE_GROUPS.some((g) => g.includes(a.type) && g.includes(b.type));
}

/**
 * Protobuf: can a `reader` parse bytes produced with `writer`, field by field,
 * recursively? When the reader is the newer version, a field it dropped must also be
 * reserved, or a later version could reuse the number and misread old records.
 */
function protoCanRead(reader: protobuf.Type, writer: protobuf.Type, readerIsNewer: boolean, seen = new Set<string>()): string[] {
  const key = `${reader.fullName}<-${writer.fullName}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const problems: string[] = [];
  const where = (f: protobuf.Field) => `${reader.name}.${f.name} (field ${f.id})`;
  for (const rf of reader.fieldsArray) {
    const wf = writer.fieldsById[rf.id];
    if (!wf) {
      if (rf.required) problems.push(`${where(rf)} is required, but the writer never sets field ${rf.id}`);
      else if (readerIsNewer && writer.isReservedId(rf.id)) problems.push(`${where(rf)} reuses number ${rf.id}, which the writer reserved (a retired field's data would be misread)`);
      continue;
    }
    if (!wireCompatible(rf, wf)) {
      problems.push(`${where(rf)} is ${rf.type} but the writer encodes field ${rf.id} as ${wf.type} (incompatible wire types)`);
      continue;
    }
    if (rf.repeated !== wf.repeated || rf.map !== wf.map) {
      problems.push(`${where(rf)} is ${label(rf)} but the writer's field ${rf.id} is ${label(wf)}`);
      continue;
    }
    if (rf.resolvedType instanceof protobuf.Type && wf.resolvedType instanceof protobuf.Type) {
      problems.push(...protoCanRead(rf.resolvedType, wf.resolvedType, readerIsNewer, seen));
    }
  }
  for (const wf of readerIsNewer ? writer.fieldsArray : []) {
    if (!reader.fieldsById[wf.id] && !reader.isReservedId(wf.id)) {
      problems.push(`field ${wf.id} ('${wf.name}') was removed from ${reader.name} without 'reserved ${wf.id};' (a later field could reuse the number and misread old data)`);
    }
  }
  return problems;
}

function label(f: protobuf.Field): string {
  return f.map ? 'a map' : f.repeated ? 'repeated' : 'singular';
}
