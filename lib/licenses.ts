import * as fs from 'node:fs';
import * as path from 'node:path';

/** Licences a production dependency may carry: permissive ones enterprises can ship. */
export const PERMISSIVE_LICENSES: readonly string[] = [
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'ISC',
  'MIT',
  'MIT-0',
  'Python-2.0',
  'Unlicense',
];

/**
 * Whether an SPDX expression is acceptable: every term of an AND, at least one
 * alternative of an OR, must be permissive. Copyleft (GPL, AGPL, LGPL, ...), unknown
 * and missing licences are not.
 */
export function isPermissive(expression: string | undefined): boolean {
  if (!expression) return false;
  const text = expression.trim().replace(/^\((.*)\)$/, '$1');
  if (/\s+OR\s+/i.test(text)) return splitTop(text, 'OR').some(isPermissive);
  if (/\s+AND\s+/i.test(text)) return splitTop(text, 'AND').every(isPermissive);
  return PERMISSIVE_LICENSES.includes(text);
}

function splitTop(text: string, op: 'AND' | 'OR'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const re = new RegExp(`\\s+${op}\\s+`, 'iy');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (depth === 0) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) {
        parts.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A production package installed in node_modules, with its declared licence. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  readonly location: string;
  readonly license: string | undefined;
}

/**
 * Every package `npm ci --omit=dev` would install (from package-lock.json, including
 * packages bundled inside others), with the licence its installed package.json declares.
 */
export function productionPackages(root: string): InstalledPackage[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; version?: string; license?: string }>;
  };
  const result: InstalledPackage[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || entry.dev || entry.devOptional) continue;
    const manifestPath = path.join(root, location, 'package.json');
    if (!fs.existsSync(manifestPath)) {
      if (entry.optional) continue; // an optional package for another platform
      throw new Error(`${location} is in package-lock.json but not installed; run npm ci`);
    }
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
      name?: string;
      version?: string;
      license?: string | { type?: string };
      licenses?: { type?: string }[];
    };
    const declared =
      typeof manifest.license === 'string'
        ? manifest.license
        : manifest.license?.type ?? manifest.licenses?.map((l) => l.type).filter(Boolean).join(' OR ');
    result.push({
      name: manifest.name ?? location.replace(/^.*node_modules\//, ''),
      version: manifest.version ?? entry.version ?? '?',
      location,
      license: declared || entry.license,
    });
  }
  return result;
}
