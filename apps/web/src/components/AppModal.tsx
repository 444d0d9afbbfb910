/**
 * A dialog built from Mantine's Modal parts. Mantine's own header is a <header> element, which axe counts as a
 * second banner landmark next to the app header; this one uses a plain <div>, and the close button is named.
 * Full screen below 768 px so forms are comfortable on a phone.
 *
 * A dialog that has never been opened is not drawn at all: a page can hold several (settings, a record's details),
 * and each closed Modal cost its mount (transition, focus and scroll-lock hooks, a portal) in the page's first render.
 * On the first opening it is drawn closed once and then opened, so that Mantine notes which element had focus (it
 * does so on a change of `opened`, not on mount) and gives focus back to it on closing. Once drawn it stays drawn.
 */
import { useEffect, useState, type ReactNode } from 'react';
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
  const [drawn, setDrawn] = useState(false);
  useEffect(() => { if (opened) setDrawn(true); }, [opened]);
  if (!drawn && !opened) return null;
  return (
    <Modal.Root opened={opened && drawn} onClose={onClose} fullScreen={!wide} size={size}>
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
