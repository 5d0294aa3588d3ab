// zod with its built-in messages in Chinese: every schema imports z from here,
// so a message we did not write ourselves still reaches the person in Chinese.
import { z } from "zod";

z.config(z.locales.zhCN());

export { z };
