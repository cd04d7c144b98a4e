import { Button, Menu, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Downloads the customer list as the list shows it (its filters in `filters`), as CSV or .xlsx, headers in the user's language. */
export function ExportMenu({ filters }: { filters: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const href = (format: 'csv' | 'xlsx') => {
    const p = new URLSearchParams(filters);
    p.set('format', format);
    p.set('lang', i18n.language.startsWith('zh') ? 'zh-CN' : 'en');
    return `/api/customers/export?${p.toString()}`;
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="export">
          {t('imports.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs" maw={220}>
            {t('imports.exportHint')}
          </Text>
        </Menu.Label>
        <Menu.Item component="a" href={href('csv')} leftSection={<IconFileTypeCsv size={16} />} data-testid="export-csv">
          {t('imports.exportCsv')}
        </Menu.Item>
        <Menu.Item component="a" href={href('xlsx')} leftSection={<IconFileSpreadsheet size={16} />} data-testid="export-xlsx">
          {t('imports.exportXlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
