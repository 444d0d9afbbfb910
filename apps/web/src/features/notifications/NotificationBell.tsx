/** The header bell: unread count, kept live by the event stream; opens the notifications page. */
import { ActionIcon, Indicator } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useUnreadCount } from './notifications.api';
import { useLiveEvents } from './useLiveEvents';

function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  useLiveEvents(true);
  const unread = useUnreadCount();
  const n = unread.data ?? 0;
  const label = n === 0 ? 'Notifications, none unread' : `Notifications, ${n} unread`;
  return (
    <Indicator label={n > 99 ? '99+' : n} size={18} color="red" disabled={n === 0} offset={4}>
      <ActionIcon component={Link} to="/notifications" variant="subtle" color="dark" size="lg" aria-label={label} title={label}>
        <BellIcon />
      </ActionIcon>
    </Indicator>
  );
}
