/**
 * A dialog built from Mantine's Modal parts. Mantine's own header is a <header> element, which axe counts as a
 * second banner landmark next to the app header; this one uses a plain <div>, and the close button is named.
 * Full screen below 768 px so forms are comfortable on a phone.
 */
import type { ReactNode } from 'react';
import { Modal } from '@mantine/core';
import { useWide } from './useWide';

export function AppModal({ opened, onClose, title, children, size = 'lg' }: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  size?: string;
}) {
  const wide = useWide();
  return (
    <Modal.Root opened={opened} onClose={onClose} fullScreen={!wide} size={size}>
      <Modal.Overlay />
      <Modal.Content>
        <div className="app-modal-header">
          <Modal.Title fw={700} fz="lg">{title}</Modal.Title>
          <Modal.CloseButton aria-label="Close" />
        </div>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
