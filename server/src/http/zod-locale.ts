import { z } from 'zod';

let installed = false;
/** zod's own messages in Chinese ("无效输入" …): our API speaks Chinese to every client. */
export function installZodLocale(): void {
  if (installed) return;
  z.config(z.locales.zhCN());
  installed = true;
}
