import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

export function JourneyEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <Stack p="lg">
      <Anchor component={Link} to="/journeys">
        ← {t('designer.back')}
      </Anchor>
      <Text>{id}</Text>
    </Stack>
  );
}
