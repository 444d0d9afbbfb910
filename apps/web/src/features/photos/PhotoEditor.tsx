/**
 * A person's photo with, for those allowed (the office, leads, trust administrators), buttons to add, replace or
 * remove it. The server checks the file's contents (JPEG, PNG or WebP, at most 10 MB) and keeps a re-encoded copy
 * without its metadata; a refused file is explained here.
 */
import { useState } from 'react';
import { Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { PHOTO_MAX_BYTES, type TPhotoRef } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PersonAvatar } from './PersonAvatar';
import { usePhotoChange, type PhotoOwner } from './photos.api';

export function PhotoEditor({ owner, id, name, photo, canManage }: { owner: PhotoOwner; id: string; name: string; photo: TPhotoRef | null | undefined; canManage: boolean }) {
  const { upload, remove } = usePhotoChange(owner, id);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const busy = upload.isPending || remove.isPending;
  const choose = (file: File | null) => {
    if (!file) return;
    setNotice(null); remove.reset(); setTooBig(file.size > PHOTO_MAX_BYTES);
    if (file.size > PHOTO_MAX_BYTES) return;
    upload.mutate(file, { onSuccess: () => setNotice(photo ? 'Photo replaced.' : 'Photo added.') });
  };
  return (
    <Stack gap={6} align="flex-start" maw={180} style={{ flexShrink: 0 }}>
      <PersonAvatar name={name} photo={photo} size={96} full />
      {canManage ? (
        confirming ? (
          <Group gap="xs">
            <Text size="sm" w="100%">Remove {name}&rsquo;s photo?</Text>
            <Button size="compact-sm" color="red" loading={remove.isPending}
              onClick={() => { upload.reset(); remove.mutate(undefined, { onSuccess: () => { setConfirming(false); setNotice('Photo removed.'); } }); }}>Remove</Button>
            <Button size="compact-sm" variant="default" onClick={() => setConfirming(false)}>Keep it</Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <FileButton onChange={choose} accept="image/jpeg,image/png,image/webp">
              {(props) => <Button {...props} size="compact-sm" variant="default" loading={upload.isPending} disabled={busy}>{photo ? 'Replace photo' : 'Add a photo'}</Button>}
            </FileButton>
            {photo ? <Button size="compact-sm" variant="subtle" color="red" disabled={busy} onClick={() => { setNotice(null); setConfirming(true); }}>Remove photo</Button> : null}
          </Stack>
        )
      ) : null}
      {notice ? <Text size="sm" role="status">{notice}</Text> : null}
      {tooBig ? <ErrorAlert error={new Error('That file is larger than 10 MB. Choose a smaller photo.')} title="The photo was not saved" /> : null}
      <ErrorAlert error={upload.error ?? remove.error} title={upload.error ? 'The photo was not saved' : 'The photo was not removed'} />
    </Stack>
  );
}

/** The pupil's photo on their profile. */
export function PupilPhoto({ pupil }: { pupil: { id: string; displayName: string; photo?: TPhotoRef | null | undefined; allowed: readonly string[] } }) {
  return <PhotoEditor owner="pupils" id={pupil.id} name={pupil.displayName} photo={pupil.photo} canManage={pupil.allowed.includes('managePhoto')} />;
}

/** A member of staff's photo, for a staff record page: `canManage` when the viewer holds photo.manage at their site. */
export function StaffPhoto({ staff, canManage }: { staff: { id: string; displayName: string; photo?: TPhotoRef | null | undefined }; canManage: boolean }) {
  return <PhotoEditor owner="staff" id={staff.id} name={staff.displayName} photo={staff.photo} canManage={canManage} />;
}
