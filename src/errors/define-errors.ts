import { AppError, type AppErrorOptions } from './app-error.js';
import { ERROR_CODES, type ErrorCodeDef } from './codes.js';

/**
 * One code of a catalogue: call it for the AppError to throw (`ERRORS.INVALID_GIFT_CARD()`, or with
 * `{ details, message, cause, headers }`); `code`, `status` and `message` describe it for OpenAPI.
 */
export interface ErrorCode<K extends string = string, S extends number = number> {
  (options?: AppErrorOptions): AppError;
  readonly code: K;
  readonly status: S;
  readonly message: string;
}

export type ErrorCatalogue<T extends Record<string, ErrorCodeDef>> = {
  readonly [K in keyof T & string]: ErrorCode<K, T[K]['status']>;
};

/**
 * The one way to declare client-visible error codes (SPEC §5), for core and plugins alike: each code
 * is defined once, with its status and default message, and a plugin's catalogue is listed in the
 * OpenAPI document (`definePlugin({ errors })`). A code that clashes with another catalogue's stops
 * start-up.
 */
export function defineErrors<const T extends Record<Uppercase<string>, ErrorCodeDef>>(
  defs: T,
): ErrorCatalogue<T> {
  const out: Record<string, ErrorCode> = {};
  for (const [code, def] of Object.entries(defs)) {
    const make = (options: AppErrorOptions = {}) =>
      new AppError(code, options.status ?? def.status, options.message ?? def.message, options);
    out[code] = Object.assign(make, { code, status: def.status, message: def.message });
  }
  return Object.freeze(out) as ErrorCatalogue<T>;
}

/** The core catalogue as error factories: `coreErrors.UNAUTHORIZED()` is `AppError.of('UNAUTHORIZED')`. */
export const coreErrors = defineErrors(ERROR_CODES);
