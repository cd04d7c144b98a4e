const en = {
  // — Room to draw: collapsible, resizable panels and the minimap (issue 15 item 3) —
  layout: {
    palette: 'Nodes',
    inspector: 'Node settings',
    collapse: 'Collapse {{panel}}',
    expand: 'Show {{panel}}',
    resize: 'Resize {{panel}} (← → keys)',
    minimapShow: 'Show minimap',
    minimapHide: 'Hide minimap',
    staleSummary: 'The settings have a problem; the canvas shows the last valid version until it is fixed.',
  },
};

export const layoutStrings: { en: typeof en; 'zh-CN': typeof en } = {
  en,
  'zh-CN': {
    layout: {
      palette: '节点',
      inspector: '节点设置',
      collapse: '收起{{panel}}',
      expand: '展开{{panel}}',
      resize: '调整{{panel}}宽度（← → 键）',
      minimapShow: '显示缩略图',
      minimapHide: '隐藏缩略图',
      staleSummary: '设置中有问题；修正前画布上显示上次有效的内容。',
    },
  },
};
