import type { Rule } from 'antd/es/form';
import { PHONE_MESSAGES, isContactPhone, isMobilePhone } from '@cgt/shared/format/phone';

/**
 * The phone rule in the console's forms: the same check and message as the server (shared/src/format/phone.ts).
 * Empty values are left to `required`.
 */
export const contactPhoneRule: Rule = {
  validator: async (_, value: string | undefined) => {
    if (value && !isContactPhone(value)) throw new Error(PHONE_MESSAGES.contactInvalid);
  },
};

/** Staff accounts: a mobile. */
export const mobilePhoneRule: Rule = {
  validator: async (_, value: string | undefined) => {
    if (value && !isMobilePhone(value)) throw new Error(PHONE_MESSAGES.mobileInvalid);
  },
};
