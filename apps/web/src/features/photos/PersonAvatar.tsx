/**
 * A person's photo as a round avatar, or their initials when they have none (or it cannot be loaded). Lists use the
 * 96 px thumbnail, loaded lazily (only as it scrolls into view), so a long list stays fast. The name is beside it on
 * every screen, so the picture is decorative for screen readers.
 */
import { Avatar, type MantineSize } from '@mantine/core';
import type { TPhotoRef } from '@haven/contracts';
import { initials } from '../../lib/format';

const PX: Record<string, number> = { xs: 16, sm: 26, md: 38, lg: 56, xl: 84 };

export function PersonAvatar({ name, photo, size = 'md', full = false }: { name: string; photo: TPhotoRef | null | undefined; size?: MantineSize | number; full?: boolean }) {
  const px = typeof size === 'number' ? size : (PX[size] ?? 38);
  return (
    <Avatar src={photo ? (full ? photo.url : photo.thumbnailUrl) : null} size={size} radius="xl" color="blue" variant="light" alt="" aria-hidden="true"
      imageProps={{ loading: 'lazy', decoding: 'async', width: px, height: px }}>
      {initials(name)}
    </Avatar>
  );
}
