import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDefaultEnvironments } from '../../../lib/config/load';
import { checkEvolution, Compatibility, describeProblems, loadContract, SchemaVersion } from '../../../lib/streaming/schema-evolution';

const versions = (...definitions: string[]): SchemaVersion[] => definitions.map((definition, i) => ({ version: i + 1, file: `v${i + 1}`, definition }));
const record = (...fields: object[]) => JSON.stringify({ type: 'record', name: 'Order', namespace: 'test', fields });
const ID = { name: 'id', type: 'string' };
const messages = (compat: Compatibility, vs: SchemaVersion[], format: 'AVRO' | 'PROTOBUF' = 'AVRO') =>
  describeProblems('orders', compat, checkEvolution(format, compat, vs));

describe('the gate over the repository (npm test runs it)', () => {
  const topics = loadDefaultEnvironments().flatMap((e) => (e.streaming?.topics ?? []).map((t) => ({ env: e.name, ...t })));
  const contracts = [...new Map(topics.filter((t) => t.schema).map((t) => [`${t.schema!.contract}:${t.schema!.compatibility}`, t.schema!])).values()];

  test('the default environments declare schemas in both formats', () => {
    expect(new Set(contracts.map((c) => c.format))).toEqual(new Set(['AVRO', 'PROTOBUF']));
  });

  test.each(contracts.map((c) => [`${c.contract} (${c.format}, ${c.compatibility})`, c] as const))('%s evolves within its declared compatibility', (_, c) => {
    const loaded = loadContract(c.contract, c.format);
    expect(describeProblems(c.contract, c.compatibility, checkEvolution(c.format, c.compatibility, loaded))).toEqual([]);
  });
});

describe('Avro (avsc schema resolution)', () => {
  const v1 = record(ID);
  const withDefault = record(ID, { name: 'channel', type: ['null', 'string'], default: null });
  const withoutDefault = record(ID, { name: 'channel', type: 'string' });

  test('a field added with a default is FULL compatible', () => {
    expect(messages('FULL', versions(v1, withDefault))).toEqual([]);
  });

  test('a field added without a default passes FORWARD but fails BACKWARD with the field named', () => {
    expect(messages('FORWARD', versions(v1, withoutDefault))).toEqual([]);
    expect(messages('BACKWARD', versions(v1, withoutDefault))).toEqual([
      "contracts/orders v2 breaks BACKWARD (BACKWARD against v1): consumers on v2 cannot read records written with v1: field 'test.Order.channel' has no default, and the writer's records do not have it (give it a default or keep it out)",
    ]);
  });

  test('a field removed without a default passes BACKWARD but fails FORWARD', () => {
    expect(messages('BACKWARD', versions(withoutDefault, v1))).toEqual([]);
    expect(messages('FORWARD', versions(withoutDefault, v1))).toEqual([expect.stringContaining('consumers still on v1 cannot read records written with v2')]);
  });

  test('a type change fails FULL in both directions, saying what cannot be read as what', () => {
    const changed = record({ name: 'id', type: 'int' });
    const found = messages('FULL', versions(v1, changed));
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('(BACKWARD against v1)');
    expect(found[0]).toContain('cannot read "string" as "int"');
    expect(found[1]).toContain('(FORWARD against v1)');
  });

  test('BACKWARD checks only the previous version; BACKWARD_ALL checks every earlier one', () => {
    const v2 = record(ID); // drops nothing relative to v1
    const v3 = record({ name: 'id', type: ['null', 'string'], default: null }); // reads v2 and v1 alike
    expect(messages('BACKWARD_ALL', versions(withoutDefault, v2, v3))).toEqual([]);
    const dropsDefaultAgain = record(ID, { name: 'channel', type: 'string' });
    // v3 cannot read v2 (no channel) -> fails both; v2 is fine against v1
    expect(messages('BACKWARD', versions(withDefault, v1, dropsDefaultAgain))).toHaveLength(1);
    expect(messages('BACKWARD_ALL', versions(v1, withDefault, dropsDefaultAgain))).toHaveLength(2);
  });

  test('NONE checks nothing but parsing', () => {
    expect(messages('NONE', versions(v1, record({ name: 'id', type: 'int' })))).toEqual([]);
    expect(messages('NONE', versions(v1, '{"type": "record"}'))).toEqual([expect.stringMatching(/^contracts\/orders v2 does not parse as AVRO: /)]);
  });
});

describe('Protobuf (protobufjs)', () => {
  const proto = (body: string) => `syntax = "proto3";\npackage test;\n${body}`;
  const v1 = proto('message Order { string id = 1; int64 amount = 2; }');

  test('an optional field added is FULL compatible', () => {
    expect(messages('FULL', versions(v1, proto('message Order { string id = 1; int64 amount = 2; optional string channel = 3; }')), 'PROTOBUF')).toEqual([]);
  });

  test('a field removed with its number reserved is FULL compatible; without reserved it fails BACKWARD', () => {
    expect(messages('FULL', versions(v1, proto('message Order { string id = 1; reserved 2; }')), 'PROTOBUF')).toEqual([]);
    expect(messages('FULL', versions(v1, proto('message Order { string id = 1; }')), 'PROTOBUF')).toEqual([
      "contracts/orders v2 breaks FULL (BACKWARD against v1): consumers on v2 cannot read records written with v1: field 2 ('amount') was removed from Order without 'reserved 2;' (a later field could reuse the number and misread old data)",
    ]);
  });

  test('a field number reused with an incompatible type fails both directions', () => {
    const found = messages('FULL', versions(v1, proto('message Order { string id = 1; string amount = 2; }')), 'PROTOBUF');
    expect(found).toEqual([
      expect.stringContaining('Order.amount (field 2) is string but the writer encodes field 2 as int64 (incompatible wire types)'),
      expect.stringContaining('Order.amount (field 2) is int64 but the writer encodes field 2 as string (incompatible wire types)'),
    ]);
  });

  test('a number reserved earlier and reused fails BACKWARD', () => {
    const retired = proto('message Order { string id = 1; reserved 2; }');
    const reused = proto('message Order { string id = 1; string coupon = 2; }');
    expect(messages('BACKWARD', versions(retired, reused), 'PROTOBUF')).toEqual([
      expect.stringContaining("Order.coupon (field 2) reuses number 2, which the writer reserved (a retired field's data would be misread)"),
    ]);
  });

  test('wire-compatible scalar changes (int32 to int64) pass', () => {
    expect(messages('FULL', versions(proto('message Order { string id = 1; int32 n = 2; }'), proto('message Order { string id = 1; int64 n = 2; }')), 'PROTOBUF')).toEqual([]);
  });

  test('singular to repeated fails, in nested messages too', () => {
    const a = proto('message Order { Line line = 1; } message Line { string sku = 1; }');
    const b = proto('message Order { Line line = 1; } message Line { repeated string sku = 1; }');
    expect(messages('BACKWARD', versions(a, b), 'PROTOBUF')).toEqual([expect.stringContaining('Line.sku (field 1) is repeated but the writer\'s field 1 is singular')]);
  });

  test('a proto2 required field added fails BACKWARD only', () => {
    const p2 = (body: string) => `syntax = "proto2";\npackage test;\n${body}`;
    const a = p2('message Order { optional string id = 1; }');
    const b = p2('message Order { optional string id = 1; required string channel = 2; }');
    expect(messages('FORWARD', versions(a, b), 'PROTOBUF')).toEqual([]);
    expect(messages('BACKWARD', versions(a, b), 'PROTOBUF')).toEqual([expect.stringContaining('Order.channel (field 2) is required, but the writer never sets field 2')]);
  });

  test('a version that does not parse is reported', () => {
    expect(messages('BACKWARD', versions(v1, proto('message Order { string id = ; }')), 'PROTOBUF')).toEqual([expect.stringMatching(/v2 does not parse as PROTOBUF/)]);
  });
});

describe('contract folders', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contracts-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('fails if a contract has no version of the format', () => {
    expect(() => loadContract('missing', 'AVRO', dir)).toThrow('contracts/missing: no AVRO schema (v1.avsc)');
  });

  test('fails if versions skip a number', () => {
    fs.mkdirSync(path.join(dir, 'gap'));
    fs.writeFileSync(path.join(dir, 'gap', 'v1.avsc'), record(ID));
    fs.writeFileSync(path.join(dir, 'gap', 'v3.avsc'), record(ID));
    expect(() => loadContract('gap', 'AVRO', dir)).toThrow('versions must be numbered v1, v2, ... without gaps; found v3 at position 2');
  });

  test('fails if a file is not named vN', () => {
    fs.mkdirSync(path.join(dir, 'odd'));
    fs.writeFileSync(path.join(dir, 'odd', 'latest.avsc'), record(ID));
    expect(() => loadContract('odd', 'AVRO', dir)).toThrow('contracts/odd/latest.avsc: allowed file names: v1.avsc, v2.avsc, ...');
  });
});
