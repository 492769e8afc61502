import { describe, expect, it } from 'vitest';
import { catalogues, en, LOCALES, zhCN } from './messages';
import { Locale, LOCALE_STORAGE_KEY, type LocaleStorage } from './locale.svelte';

function memoryStorage(
  initial: Record<string, string> = {}
): LocaleStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    }
  };
}

describe('message catalogue', () => {
  it('has every zh-CN key in en and every en key in zh-CN', () => {
    const zhKeys = Object.keys(zhCN).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys).toEqual(zhKeys);
  });

  it('has no empty message in any language', () => {
    for (const code of LOCALES) {
      for (const [key, text] of Object.entries(catalogues[code])) {
        expect(text.trim(), `${code} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});

describe('Locale', () => {
  it('speaks Chinese by default', () => {
    const locale = new Locale();
    expect(locale.code).toBe('zh-CN');
    expect(locale.t('wall.count.idle')).toBe('空闲');
  });

  it('changes the text when the language is switched', () => {
    const locale = new Locale();
    locale.set('en');
    expect(locale.t('wall.count.idle')).toBe('Idle');
    expect(locale.t('login.error.invalid')).toBe('Wrong username or password');
    locale.set('zh-CN');
    expect(locale.t('login.error.invalid')).toBe('用户名或密码不正确');
  });

  it('remembers the choice in storage and restores it on the next start', () => {
    const storage = memoryStorage();
    new Locale(storage).set('en');
    expect(storage.data[LOCALE_STORAGE_KEY]).toBe('en');
    expect(new Locale(storage).code).toBe('en');
  });

  it('ignores an unknown stored language', () => {
    expect(new Locale(memoryStorage({ [LOCALE_STORAGE_KEY]: 'fr' })).code).toBe('zh-CN');
  });

  it('keeps working when storage throws', () => {
    const broken: LocaleStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      }
    };
    const locale = new Locale(broken);
    locale.set('en');
    expect(locale.code).toBe('en');
  });

  it('formats numbers with thousands separators for the wall', () => {
    const locale = new Locale();
    expect(locale.formatNumber(10000)).toBe('10,000');
  });
});
