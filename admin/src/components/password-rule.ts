import { useEffect, useState } from 'react';
import type { Rule } from 'antd/es/form';
import { DEFAULT_PASSWORD_POLICY, describePasswordPolicy, passwordProblems } from '@cgt/shared/auth/password-policy';
import { getPasswordPolicy, type PasswordPolicyInfo } from '../services/auth';

/**
 * The password policy in the console's forms: the same rule as the server (shared/src/auth/password-policy.ts),
 * with the numbers the server is configured with (GET /auth/password-policy). Until they arrive, the
 * default rule; the server checks again either way (and also the history, which only it knows).
 */
export function usePasswordPolicy(): PasswordPolicyInfo {
  const [policy, setPolicy] = useState<PasswordPolicyInfo>({ ...DEFAULT_PASSWORD_POLICY, description: describePasswordPolicy(DEFAULT_PASSWORD_POLICY) });
  useEffect(() => {
    let live = true;
    getPasswordPolicy().then(
      (p) => live && setPolicy(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return policy;
}

/** An antd form rule: the first problem of the value under the policy (empty values are left to `required`). */
export function passwordRule(policy: PasswordPolicyInfo, username: () => string | undefined): Rule {
  return {
    validator: async (_, value: string | undefined) => {
      if (!value) return;
      const problem = passwordProblems(value, { username: username() }, policy)[0];
      if (problem) throw new Error(problem.message);
    },
  };
}
