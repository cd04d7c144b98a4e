const en = {
  back: 'All journeys',
};

export const designerStrings: { en: typeof en; 'zh-CN': typeof en } = {
  en,
  'zh-CN': {
    back: '全部旅程',
  },
};
