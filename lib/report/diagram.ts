import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { EnvironmentAssembly, LocatedResource, referencesIn, resolveReference, resourcesOf } from './assembly';

/**
 * The architecture diagram of an environment, computed from its templates: one
 * cluster per stack, one node per architectural resource (stores, keys, trails,
 * clusters, roles...; plumbing such as policies, aliases and metadata left out),
 * and an edge for every reference between them, across stacks too. Rendered to SVG
 * offline by Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz).
 */

/** Types drawn as plumbing, not architecture. */
const PLUMBING = new Set([
  'AWS::CDK::Metadata',
  'AWS::KMS::Alias',
  'AWS::S3::BucketPolicy',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::Route',
  'AWS::EC2::VPCGatewayAttachment',
]);

const SHAPES: Record<string, string> = {
  'AWS::S3::Bucket': 'cylinder',
  'AWS::KMS::Key': 'hexagon',
  'AWS::Logs::LogGroup': 'note',
  'AWS::CloudTrail::Trail': 'component',
  'AWS::IAM::Role': 'house',
  'AWS::MSK::Cluster': 'box3d',
  'AWS::MSK::Topic': 'cds',
  'AWS::EMR::Cluster': 'box3d',
};

function isDrawn(r: LocatedResource): boolean {
  return !PLUMBING.has(r.resource.Type) && !r.resource.Type.startsWith('Custom::');
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

function label(r: LocatedResource): string {
  const segments = r.ref.path.split('/').filter((s) => s !== 'Resource' && s !== 'Default');
  const name = segments.slice(1).join('/') || r.logicalId;
  return `${name}\n${r.resource.Type.replace(/^AWS::/, '')}`;
}

/** Graphviz source of the environment's diagram. */
export function diagramSource(env: EnvironmentAssembly): string {
  const resources = resourcesOf(env);
  const drawn = resources.filter(isDrawn);
  const id = (r: LocatedResource) => `${r.stack.id}/${r.logicalId}`;
  const nodeIds = new Set(drawn.map(id));
  const lines = [
    `digraph ${quote(env.name)} {`,
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, compound=true, nodesep=0.25, ranksep=0.6];',
    '  node [fontname="Helvetica", fontsize=9, style=filled, fillcolor="#f5f7fa", color="#5b6b7f"];',
    '  edge [color="#8a97a8", arrowsize=0.6];',
  ];
  for (const stack of env.stacks) {
    lines.push(`  subgraph ${quote(`cluster_${stack.id}`)} {`, `    label=${quote(`${stack.id} (${stack.region})`)}; style=rounded; color="#c2ccd8";`);
    for (const r of drawn.filter((d) => d.stack === stack)) {
      lines.push(`    ${quote(id(r))} [label=${quote(label(r))}, shape=${SHAPES[r.resource.Type] ?? 'box'}];`);
    }
    lines.push('  }');
  }
  const edges = new Set<string>();
  for (const r of drawn) {
    for (const ref of referencesIn(r.resource.Properties ?? {})) {
      const value = ref.startsWith('import:') ? { 'Fn::ImportValue': ref.slice('import:'.length) } : { Ref: ref };
      const target = resolveReference(env, r.stack, value);
      if (!target || !nodeIds.has(id(target)) || id(target) === id(r)) continue;
      edges.add(`  ${quote(id(r))} -> ${quote(id(target))};`);
    }
  }
  lines.push(...[...edges].sort(), '}');
  return lines.join('\n');
}

let graphviz: Promise<Graphviz> | undefined;

/**
 * Renders DOT to an inline SVG element: the XML prolog, doctype, comments and
 * namespace URLs are removed so the HTML holds no external reference.
 */
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= Graphviz.load();
  const svg = (await graphviz).dot(dot);
  return svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
    .trim();
}
