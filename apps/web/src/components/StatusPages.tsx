/** The 404 page and the "not for your role" page, both inside the app frame with a way back. */
import { Stack, Text } from '@mantine/core';
import { AnchorLink } from './links';
import { Page } from './Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <Stack gap="sm">
        <Text>There is no page at this address. It may have moved, or the link may be mistyped.</Text>
        <Text><AnchorLink to="/">Go to your home page</AnchorLink></Text>
      </Stack>
    </Page>
  );
}

export function NoAccessPage({ what }: { what: string }) {
  return (
    <Page title="Not available">
      <Stack gap="sm">
        <Text>Your role does not include {what}. If you think it should, ask your trust administrator.</Text>
        <Text><AnchorLink to="/">Go to your home page</AnchorLink></Text>
      </Stack>
    </Page>
  );
}
