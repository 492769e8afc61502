// The one message catalogue. zh-CN is the default and the source of the keys; en must have every key
// (the type makes a missing or extra key a compile error, and i18n.svelte.spec.ts checks it at run time).

export const LOCALES = ['zh-CN', 'en'] as const;
export type LocaleCode = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: LocaleCode = 'zh-CN';

export const zhCN = {
  'app.title': '调度指挥大屏',
  'app.loading': '正在加载…',

  'login.title': '登录调度指挥台',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.error.invalid': '用户名或密码不正确',
  'login.error.required': '请输入用户名和密码',
  'login.error.rateLimited': '尝试次数过多，请稍后再试',
  'login.error.network': '无法连接服务器，请检查网络后重试',
  'login.error.server': '服务器出错，请稍后再试',

  'wall.title': '实时调度地图',
  'wall.count.online': '在线',
  'wall.count.idle': '空闲',
  'wall.count.enRoute': '在途',
  'wall.count.busy': '作业中',
  'wall.count.openOrders': '未完结工单',
  'wall.count.unknown': '—',
  'wall.user': '当前用户',
  'wall.logout': '退出登录',
  'wall.map.label': '技师实时位置地图',
  'wall.map.unavailable': '地图无法显示：此浏览器不支持 WebGL',

  'connection.connecting': '连接中…',
  'connection.connected': '已连接',
  'connection.reconnecting': '重新连接中…',

  'status.offline': '离线',
  'status.idle': '空闲',
  'status.en_route': '在途',
  'status.busy': '作业中',

  'language.label': '语言',
  'language.zh-CN': '中文',
  'language.en': 'English',

  'error.title': '出错了',
  'error.back': '返回调度大屏'
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;
export type Catalogue = Record<MessageKey, string>;

export const en: Catalogue = {
  'app.title': 'Dispatch wall',
  'app.loading': 'Loading…',

  'login.title': 'Sign in to the dispatch console',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.error.invalid': 'Wrong username or password',
  'login.error.required': 'Enter your username and password',
  'login.error.rateLimited': 'Too many attempts, please wait a moment and try again',
  'login.error.network': 'Cannot reach the server, check the network and try again',
  'login.error.server': 'The server had a problem, please try again later',

  'wall.title': 'Live dispatch map',
  'wall.count.online': 'Online',
  'wall.count.idle': 'Idle',
  'wall.count.enRoute': 'En route',
  'wall.count.busy': 'On a job',
  'wall.count.openOrders': 'Open orders',
  'wall.count.unknown': '—',
  'wall.user': 'Signed in as',
  'wall.logout': 'Sign out',
  'wall.map.label': 'Live map of technician positions',
  'wall.map.unavailable': 'The map cannot be shown: this browser has no WebGL',

  'connection.connecting': 'Connecting…',
  'connection.connected': 'Connected',
  'connection.reconnecting': 'Reconnecting…',

  'status.offline': 'Offline',
  'status.idle': 'Idle',
  'status.en_route': 'En route',
  'status.busy': 'On a job',

  'language.label': 'Language',
  'language.zh-CN': '中文',
  'language.en': 'English',

  'error.title': 'Something went wrong',
  'error.back': 'Back to the wall'
};

export const catalogues: Record<LocaleCode, Catalogue> = { 'zh-CN': zhCN, en };

export function isLocaleCode(value: unknown): value is LocaleCode {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
