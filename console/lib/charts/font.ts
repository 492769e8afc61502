/** Canvas text does not inherit CSS: every chart names the page's CJK-first font stack. */
export const CHART_FONT =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
