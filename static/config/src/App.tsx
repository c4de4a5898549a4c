import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { ActivityPanel } from './ActivityPanel';
import { FORBIDDEN, getConfiguration } from './api';
import { ErrorBanner } from './ErrorBanner';
import { HealthPanel } from './HealthPanel';
import { Loading } from './Loading';
import { SettingsPanel } from './SettingsPanel';
import type { ApiError, ConfigView } from './types';

/** The whole width Jira gives the page: the activity tables need it. */
const pageStyles = xcss({
  paddingBlock: 'space.300',
  paddingInline: 'space.300',
});

/** The settings read best in a narrower column than the activity tables. */
const settingsStyles = xcss({ maxWidth: '800px' });

const panelStyles = xcss({ width: '100%', paddingBlockStart: 'space.300' });

type Page =
  | { kind: 'loading' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'forbidden'; message: string }
  | { kind: 'ready'; view: ConfigView };

/**
 * The configuration page: tabs Settings (the default), Activity and Health. A tab's content is loaded
 * when it is first opened and kept while another tab is shown.
 */
export function App() {
  const [page, setPage] = useState<Page>({ kind: 'loading' });

  const load = useCallback(async () => {
    setPage({ kind: 'loading' });
    const result = await getConfiguration();
    if (result.ok) setPage({ kind: 'ready', view: result.view });
    else if (result.error.code === FORBIDDEN) setPage({ kind: 'forbidden', message: result.error.message });
    else setPage({ kind: 'failed', error: result.error });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const forbid = useCallback((message: string) => setPage({ kind: 'forbidden', message }), []);

  return (
    <Box xcss={pageStyles}>
      <Stack space="space.300">
        <Stack space="space.100">
          <Heading size="large" as="h1">
            BeyondTrust Privileged Remote Access
          </Heading>
          <Box xcss={settingsStyles}>
            <Text as="p" color="color.text.subtle">
              Connect Jira Service Management to your BeyondTrust PRA appliance: launch Jump sessions from tickets,
              import session data into tickets, and check tickets before PRA allows access to a Jump Item.
            </Text>
          </Box>
        </Stack>
        {page.kind === 'loading' && <Loading text="Loading configuration…" />}
        {page.kind === 'failed' && (
          <ErrorBanner
            title="Could not load the configuration"
            message={page.error.message}
            action={
              <Box>
                <Button onClick={() => void load()}>Try again</Button>
              </Box>
            }
          />
        )}
        {page.kind === 'forbidden' && <ErrorBanner title="Jira administrators only" message={page.message} />}
        {page.kind === 'ready' && (
          <Tabs id="config-tabs">
            <TabList>
              <Tab>Settings</Tab>
              <Tab>Activity</Tab>
              <Tab>Health</Tab>
            </TabList>
            <TabPanel>
              <Box xcss={[panelStyles, settingsStyles]}>
                <SettingsPanel initialView={page.view} onForbidden={forbid} />
              </Box>
            </TabPanel>
            <TabPanel>
              <Box xcss={panelStyles}>
                <ActivityPanel />
              </Box>
            </TabPanel>
            <TabPanel>
              <Box xcss={[panelStyles, settingsStyles]}>
                <HealthPanel />
              </Box>
            </TabPanel>
          </Tabs>
        )}
      </Stack>
    </Box>
  );
}
