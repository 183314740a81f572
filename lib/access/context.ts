/**
 * The request context: condition keys and their values. Keys are case-insensitive,
 * as in IAM; a key may carry one value or a set of values (multi-valued keys such as
 * `aws:TagKeys`).
 */

/** One context value: a scalar or a set of scalars. */
export type ContextValue = string | number | boolean | readonly (string | number | boolean)[];

/** Condition keys of a request, e.g. `{ 'aws:SecureTransport': true, 'aws:RequestedRegion': 'eu-west-1' }`. */
export type RequestContext = Readonly<Record<string, ContextValue>>;

/** A context normalized for lookup: lowercase keys, values as strings. */
export class ContextValues {
  private readonly values = new Map<string, { readonly values: readonly string[]; readonly multi: boolean }>();

  constructor(context: RequestContext) {
    for (const [key, value] of Object.entries(context)) {
      const multi = Array.isArray(value);
      const list = (multi ? (value as readonly (string | number | boolean)[]) : [value as string | number | boolean]).map(String);
      this.values.set(key.toLowerCase(), { values: list, multi });
    }
  }

  /** Values of a key, or undefined when the key is absent from the request. */
  public get(key: string): readonly string[] | undefined {
    return this.values.get(key.toLowerCase())?.values;
  }

  /** The single value of a key, or undefined when absent (the first value of a set). */
  public single(key: string): string | undefined {
    return this.get(key)?.[0];
  }

  public has(key: string): boolean {
    return this.values.has(key.toLowerCase());
  }
}

const VARIABLE = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^\s*([^,]+?)\s*,\s*'([^']*)'\s*$/;

/**
 * Substitutes policy variables (`${aws:PrincipalTag/tenant}`, `${aws:username}`, and
 * the default-value form `${aws:username, 'nobody'}`) in a string. `${*}`, `${?}` and
 * `${$}` stand for the literal characters. Returns undefined when a variable has no
 * value in the request and no default: the element then matches nothing, as in IAM.
 * A multi-valued key cannot be a variable (IAM does not substitute it either).
 */
export function substituteVariables(text: string, context: ContextValues): string | undefined {
  if (!text.includes('${')) return text;
  let missing = false;
  const result = text.replace(VARIABLE, (_match, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return inner;
    const withDefault = WITH_DEFAULT.exec(inner);
    const key = withDefault ? withDefault[1] : inner.trim();
    const values = context.get(key);
    if (values && values.length === 1) return values[0];
    if (withDefault) return withDefault[2];
    missing = true;
    return '';
  });
  return missing ? undefined : result;
}
