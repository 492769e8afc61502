import { getContext, setContext } from 'svelte';
import { catalogues, DEFAULT_LOCALE, isLocaleCode, type LocaleCode, type MessageKey } from './messages';

export const LOCALE_STORAGE_KEY = 'console.locale';
/** Context key; exported so a component test can pass a Locale in `render(..., { context })`. */
export const LOCALE_CONTEXT = Symbol('locale');

export type LocaleStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The chosen UI language, persisted in localStorage; `t(key)` reads the catalogue reactively. */
export class Locale {
  #code = $state<LocaleCode>(DEFAULT_LOCALE);
  #storage: LocaleStorage | null;
  #numbers = $derived(new Intl.NumberFormat(this.#code));
  #clock = $derived(
    new Intl.DateTimeFormat(this.#code, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false
    })
  );
  #date = $derived(
    new Intl.DateTimeFormat(this.#code, { year: 'numeric', month: '2-digit', day: '2-digit' })
  );
  #weekday = $derived(new Intl.DateTimeFormat(this.#code, { weekday: 'short' }));
  #stamp = $derived(
    new Intl.DateTimeFormat(this.#code, {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false
    })
  );

  constructor(storage: LocaleStorage | null = null) {
    this.#storage = storage;
    const stored = safeGet(storage);
    if (isLocaleCode(stored)) this.#code = stored;
  }

  get code(): LocaleCode {
    return this.#code;
  }

  set(code: LocaleCode): void {
    this.#code = code;
    try {
      this.#storage?.setItem(LOCALE_STORAGE_KEY, code);
    } catch {
      // storage full or disabled: the choice still holds for this page
    }
  }

  /** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => {
    const text = catalogues[this.#code][key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole
    );
  };

  formatNumber = (value: number): string => this.#numbers.format(value);
  formatTime = (date: Date): string => this.#clock.format(date);
  formatDate = (date: Date): string => `${this.#date.format(date)} ${this.#weekday.format(date)}`;
  /** Month, day, hour and minute: when something happened, in a list that spans days. */
  formatStamp = (date: Date): string => this.#stamp.format(date);
}

function safeGet(storage: LocaleStorage | null): string | null {
  try {
    return storage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function setLocaleContext(locale: Locale): Locale {
  return setContext(LOCALE_CONTEXT, locale);
}

export function getLocaleContext(): Locale {
  const locale = getContext<Locale | undefined>(LOCALE_CONTEXT);
  if (!locale) throw new Error('Locale context missing: setLocaleContext() runs in the root layout');
  return locale;
}
