/**
 * The call-for-help alarm, made with the Web Audio API (no sound file to download): a two-tone beep repeated every
 * few seconds while a call is waiting for you. Browsers only let a page start sound after the user has touched it,
 * so the first tap or key press anywhere unlocks it. Muting is the user's choice, kept on this device.
 */
import { useEffect, useState } from 'react';

const MUTE_KEY = 'haven.oncall.muted';
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === 'undefined' || typeof window.AudioContext === 'undefined') return null;
  context ??= new window.AudioContext();
  return context;
}

/** Resume the audio context from a user gesture (browsers' autoplay rule). */
export function unlockAudio(): void {
  const c = audio();
  if (c && c.state === 'suspended') void c.resume().catch(() => undefined);
}

/** One alarm: three short alternating tones. */
export function beep(): void {
  const c = audio();
  if (!c || c.state !== 'running') return;
  const start = c.currentTime + 0.02;
  [880, 660, 880].forEach((hz, i) => {
    const osc = c.createOscillator();
    const gain = c.createGain();
    const t0 = start + i * 0.22;
    osc.type = 'square';
    osc.frequency.setValueAtTime(hz, t0);
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.18);
    osc.connect(gain).connect(c.destination);
    osc.start(t0);
    osc.stop(t0 + 0.2);
  });
}

/** Rings (every 2.5 s) while `on`; unlocks sound on the first tap or key press anywhere. */
export function useAlarm(on: boolean): void {
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => { window.removeEventListener('pointerdown', unlock); window.removeEventListener('keydown', unlock); };
  }, []);
  useEffect(() => {
    if (!on) return;
    beep();
    const id = window.setInterval(beep, 2500);
    return () => window.clearInterval(id);
  }, [on]);
}

/** The user's mute, kept on this device (localStorage), shared by every tab. */
export function useMuted(): [boolean, (muted: boolean) => void] {
  const [muted, setMuted] = useState(() => readMuted());
  useEffect(() => {
    const on = (e: StorageEvent) => { if (e.key === MUTE_KEY) setMuted(readMuted()); };
    window.addEventListener('storage', on);
    return () => window.removeEventListener('storage', on);
  }, []);
  return [muted, (m: boolean) => {
    try { window.localStorage.setItem(MUTE_KEY, m ? '1' : '0'); } catch { /* private mode: this page only */ }
    if (!m) unlockAudio();
    setMuted(m);
  }];
}

function readMuted(): boolean {
  try { return window.localStorage.getItem(MUTE_KEY) === '1'; } catch { return false; }
}
