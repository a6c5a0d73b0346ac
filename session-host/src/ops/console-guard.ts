// libsignal (under Baileys) prints whole Signal sessions — key material — with console.info/warn. In this
// process nothing may reach the logs that way: console output keeps only its leading text, masked, at the
// matching level of our logger; objects and errors' details are dropped.
import type { Logger } from "./logger";

export function guardConsole(logger: Logger): void {
  const text = (args: unknown[]) => (typeof args[0] === "string" ? args[0] : "(object output dropped)");
  console.log = (...args: unknown[]) => logger.debug(`console: ${text(args)}`);
  console.info = (...args: unknown[]) => logger.debug(`console: ${text(args)}`);
  console.debug = (...args: unknown[]) => logger.debug(`console: ${text(args)}`);
  console.warn = (...args: unknown[]) => logger.warn(`console: ${text(args)}`);
  console.error = (...args: unknown[]) => logger.error(`console: ${text(args)}`);
}
