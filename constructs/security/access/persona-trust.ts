import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { Persona } from './persona';

const ACCOUNT_ID = /^\d{12}$/;
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;

/** Options of `PersonaTrust.identityCenter`. */
export interface IdentityCenterTrustOptions {
  /**
   * Prefix of the permission set of each human persona: the persona `data-analyst`
   * is assumed from the permission set `<prefix>DataAnalyst`.
   * @default 'DataPlatform'
   */
  readonly permissionSetPrefix?: string;
  /**
   * Permission set names per persona name, overriding the prefix rule.
   * @default - `<permissionSetPrefix><PersonaPascalName>`
   */
  readonly permissionSetNames?: Readonly<Record<string, string>>;
  /**
   * Account whose Identity Center roles (`AWSReservedSSO_*`) may assume the persona roles.
   * @default - the account of the stack
   */
  readonly account?: string;
}

/** Options of `PersonaTrust.accountPrincipals`. */
export interface AccountPrincipalsTrustOptions {
  /**
   * Accounts whose IAM principals may assume the persona roles (their own policies must allow it too).
   * @default - the account of the stack
   */
  readonly accounts?: readonly string[];
  /**
   * Maximum age of the caller's MFA authentication.
   * @default Duration.hours(1)
   */
  readonly maxMfaAge?: Duration;
}

/**
 * Who may assume the role of a human persona. Enum-like: `PersonaTrust.identityCenter(...)`
 * (the roles IAM Identity Center creates for a permission set, `AWSReservedSSO_<set>_*`)
 * or `PersonaTrust.accountPrincipals(...)` (IAM principals of listed accounts, with MFA
 * always required).
 */
export abstract class PersonaTrust {
  /** Trust the IAM Identity Center role of each persona's permission set. */
  public static identityCenter(options: IdentityCenterTrustOptions = {}): PersonaTrust {
    return new IdentityCenterTrust(options);
  }

  /** Trust IAM principals of the given accounts that signed in with MFA. */
  public static accountPrincipals(options: AccountPrincipalsTrustOptions = {}): PersonaTrust {
    return new AccountPrincipalsTrust(options);
  }

  /** `identity-center` or `account-principals`. */
  public abstract readonly kind: 'identity-center' | 'account-principals';

  /** Problems with the options, each naming the field, the value received and what is allowed. */
  public abstract validate(): string[];

  /** The principal (with its conditions) allowed to assume the role of `persona`. */
  public abstract principalFor(scope: IConstruct, persona: Persona): iam.IPrincipal;
}

class IdentityCenterTrust extends PersonaTrust {
  public readonly kind = 'identity-center' as const;

  constructor(private readonly options: IdentityCenterTrustOptions) {
    super();
  }

  public validate(): string[] {
    const problems: string[] = [];
    const prefix = this.options.permissionSetPrefix ?? 'DataPlatform';
    if (!/^[\w+=,.@-]{0,16}$/.test(prefix)) {
      problems.push(`trust.permissionSetPrefix: received '${prefix}'; allowed: up to 16 characters of letters, digits and + = , . @ _ -`);
    }
    for (const [persona, name] of Object.entries(this.options.permissionSetNames ?? {})) {
      if (!Persona.names().includes(persona)) {
        problems.push(`trust.permissionSetNames.${persona}: unknown persona; allowed: ${Persona.names().join(', ')}`);
      }
      if (!PERMISSION_SET_NAME.test(name)) {
        problems.push(`trust.permissionSetNames.${persona}: received '${name}'; allowed: 1-32 letters, digits and + = , . @ _ -`);
      }
    }
    if (this.options.account !== undefined && !ACCOUNT_ID.test(this.options.account)) {
      problems.push(`trust.account: received '${this.options.account}'; allowed: a 12-digit account id`);
    }
    return problems;
  }

  /** The permission set whose Identity Center role assumes `persona`. */
  public permissionSetOf(persona: Persona): string {
    return this.options.permissionSetNames?.[persona.name] ?? `${this.options.permissionSetPrefix ?? 'DataPlatform'}${persona.pascalName}`;
  }

  public principalFor(scope: IConstruct, persona: Persona): iam.IPrincipal {
    const stack = Stack.of(scope);
    const account = this.options.account ?? stack.account;
    // Identity Center roles live under /aws-reserved/sso.amazonaws.com/[<region>/]: the
    // wildcard before the role name matches both forms (ArnLike wildcards span '/').
    const ssoRoles = stack.formatArn({
      service: 'iam',
      region: '',
      account,
      resource: 'role',
      resourceName: `aws-reserved/sso.amazonaws.com/*AWSReservedSSO_${this.permissionSetOf(persona)}_*`,
    });
    return new iam.AccountPrincipal(account).withConditions({ ArnLike: { 'aws:PrincipalArn': ssoRoles } });
  }
}

class AccountPrincipalsTrust extends PersonaTrust {
  public readonly kind = 'account-principals' as const;

  constructor(private readonly options: AccountPrincipalsTrustOptions) {
    super();
  }

  public validate(): string[] {
    const problems: string[] = [];
    (this.options.accounts ?? []).forEach((account, i) => {
      if (!ACCOUNT_ID.test(account)) problems.push(`trust.accounts[${i}]: received '${account}'; allowed: a 12-digit account id`);
    });
    if (this.options.accounts !== undefined && this.options.accounts.length === 0) {
      problems.push('trust.accounts: received none; allowed: at least one account (omit for the stack\'s account)');
    }
    const age = this.options.maxMfaAge?.toSeconds();
    if (age !== undefined && (age < 900 || age > 43200)) {
      problems.push(`trust.maxMfaAge: received ${age} seconds; allowed: 900 to 43200 seconds (15 minutes to 12 hours)`);
    }
    return problems;
  }

  public principalFor(scope: IConstruct): iam.IPrincipal {
    const accounts = this.options.accounts ?? [Stack.of(scope).account];
    const principals = accounts.map((a) => new iam.AccountPrincipal(a));
    const principal = principals.length === 1 ? principals[0] : new iam.CompositePrincipal(...principals);
    return principal.withConditions({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': `${(this.options.maxMfaAge ?? Duration.hours(1)).toSeconds()}` },
    });
  }
}
