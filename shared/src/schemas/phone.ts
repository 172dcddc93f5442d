import { z } from 'zod';
import { PHONE_MESSAGES, isContactPhone, isMobilePhone, normalizePhone } from '../format/phone';

/** The phone rule of format/phone.ts as zod fields, so a form and the server refuse a number with the same message. */

/** A contact phone (mobile or landline with area code), stored without separators: '0730-8123456' → '07308123456'. */
export const ContactPhoneInput = z
  .string()
  .trim()
  .max(32, PHONE_MESSAGES.contactInvalid)
  .transform(normalizePhone)
  .refine(isContactPhone, PHONE_MESSAGES.contactInvalid);

/** A unit's published number: the same rule, kept as written (0730-8888888 reads better on a notice). */
export const PublishedPhoneInput = z.string().trim().max(32, PHONE_MESSAGES.contactInvalid).refine(isContactPhone, PHONE_MESSAGES.contactInvalid);

/** A staff account's phone: a mobile (it receives SMS), stored without separators. */
export const MobilePhoneInput = z
  .string()
  .trim()
  .max(32, PHONE_MESSAGES.mobileInvalid)
  .transform(normalizePhone)
  .refine(isMobilePhone, PHONE_MESSAGES.mobileInvalid);
