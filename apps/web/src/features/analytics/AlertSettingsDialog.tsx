/**
 * The trend alerts' settings (ANA-5) in their dialog: its own chunk, fetched once the analytics page has painted (for
 * those who may change them), so the page's first load carries neither the form's number inputs nor the dialog.
 */
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AlertSettingsForm } from './AlertSettingsForm';
import { useAlertSettings } from './trend-alerts.api';

export function AlertSettingsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const settings = useAlertSettings(opened);
  return (
    <AppModal opened={opened} onClose={onClose} title="Trend alert settings">
      {settings.error ? <ErrorAlert error={settings.error} /> : null}
      {settings.data ? <AlertSettingsForm list={settings.data} onReload={async () => (await settings.refetch()).data} /> : null}
    </AppModal>
  );
}
