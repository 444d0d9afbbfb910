/**
 * Autosave for the incident form (INC-2). Every change goes to localStorage at once; the server gets a POST the
 * first time (creating the draft) and then a PATCH with the version, debounced. Network failures retry with
 * backoff and when the browser comes back online. A 409 (someone else saved first) stops autosave and hands the
 * decision to the user: nothing is ever overwritten silently.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError, isRetryable, newIdempotencyKey, request, type ApiError } from '../../lib/api';
import { meQueryKey } from '../auth/auth.api';
import { draftKey, removeDraft, writeDraft } from './draftStore';
import { fromIncident, toInput, customDatesToText, type FormModel } from './formModel';
import { incidentKey } from './incidents.api';
import type { TIncident } from './types';

export const AUTOSAVE_DELAY_MS = 1500;
const MAX_RETRY_MS = 60_000;

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'retrying'; error: unknown }
  | { kind: 'conflict'; message: string }
  | { kind: 'invalid'; error: ApiError }
  | { kind: 'session' };

export interface AutosaveInit {
  form: FormModel;
  incidentId: string | null;
  version: number | null;
  server: TIncident | null;
  /** The form holds changes the server has not seen (a restored local draft). */
  dirty: boolean;
  localUpdatedAt?: number;
}

export function useAutosave({ init, draftUuid, dateFieldKeys, onCreated }: {
  init: AutosaveInit;
  draftUuid: string | undefined;
  /** Keys of custom date questions (their answers are typed dd/mm/yyyy and sent as yyyy-mm-dd). */
  dateFieldKeys: { readonly current: Set<string> };
  onCreated: (inc: TIncident) => void;
}) {
  const qc = useQueryClient();
  const [form, setForm] = useState(init.form);
  const [server, setServer] = useState<TIncident | null>(init.server);
  const [status, setStatus] = useState<SaveStatus>(init.dirty ? { kind: 'pending' } : { kind: 'idle' });
  const [storageFailed, setStorageFailed] = useState(false);

  const formRef = useRef(init.form);
  const idRef = useRef(init.incidentId);
  const versionRef = useRef(init.version);
  const keyRef = useRef(draftKey(init.incidentId, draftUuid));
  const dirtyRef = useRef(init.dirty);
  const seqRef = useRef(0);
  const changedAtRef = useRef(init.localUpdatedAt ?? Date.now());
  const blockedRef = useRef(false);
  const attemptsRef = useRef(0);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlightRef = useRef<Promise<boolean> | null>(null);
  const unansweredRef = useRef<{ key: string; seq: number; id: string | null; version: number | null; body: ReturnType<typeof toInput> } | null>(null);
  const onCreatedRef = useRef(onCreated);
  const mountedRef = useRef(false);
  /** Why the last save failed (null after a save that worked), for saying why a submit could not go ahead. */
  const lastErrorRef = useRef<unknown>(null);
  const datesRef = dateFieldKeys;
  useEffect(() => {
    onCreatedRef.current = onCreated;
  });

  const persistLocal = useCallback(() => {
    // Once the server has everything, the device copy goes: pupils' details should not linger on a shared device.
    if (!dirtyRef.current) {
      removeDraft(keyRef.current);
      return;
    }
    const ok = writeDraft(keyRef.current, {
      form: formRef.current, incidentId: idRef.current, baseVersion: versionRef.current,
      localUpdatedAt: changedAtRef.current, dirty: dirtyRef.current,
    });
    setStorageFailed(!ok);
  }, []);

  const clearTimer = () => {
    if (timerRef.current !== undefined) clearTimeout(timerRef.current);
    timerRef.current = undefined;
  };

  const saveRef = useRef<() => Promise<boolean>>(async () => true);
  const schedule = useCallback((ms: number) => {
    clearTimer();
    timerRef.current = setTimeout(() => void saveRef.current(), ms);
  }, []);

  const saveOnce = useCallback(async (): Promise<boolean> => {
    // A save whose answer never came (offline, 503) is sent again exactly as it was, with its Idempotency-Key: if the
    // server did save it, it answers as it did then and saves nothing twice (no second draft, no false 409). Changes
    // made since go in the next save.
    const sent = unansweredRef.current ?? {
      key: newIdempotencyKey(), seq: seqRef.current, id: idRef.current, version: versionRef.current,
      body: toInput(formRef.current, datesRef.current),
    };
    unansweredRef.current = sent;
    const { seq, id } = sent;
    setStatus({ kind: 'saving' });
    try {
      const inc = id
        ? await request<TIncident>('PATCH', `/incidents/${encodeURIComponent(id)}`, { body: { ...sent.body, version: sent.version }, idempotencyKey: sent.key })
        : await request<TIncident>('POST', '/incidents', { body: sent.body, idempotencyKey: sent.key });
      unansweredRef.current = null;
      lastErrorRef.current = null;
      if (!id) {
        const oldKey = keyRef.current;
        idRef.current = inc.id;
        keyRef.current = draftKey(inc.id, undefined);
        removeDraft(oldKey);
      }
      versionRef.current = inc.version;
      setServer(inc);
      qc.setQueryData(incidentKey(inc.id), inc);
      if (seqRef.current === seq) dirtyRef.current = false;
      persistLocal();
      attemptsRef.current = 0;
      setStatus(dirtyRef.current ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
      if (!id && mountedRef.current) onCreatedRef.current(inc);
      if (dirtyRef.current) schedule(AUTOSAVE_DELAY_MS);
      return !dirtyRef.current;
    } catch (e) {
      lastErrorRef.current = e;
      // only a failure that may pass keeps the request to send again; any answer from the server ends it
      if (!isRetryable(e)) unansweredRef.current = null;
      if (isApiError(e) && e.status === 409) {
        blockedRef.current = true;
        setStatus({ kind: 'conflict', message: e.message });
      } else if (isApiError(e) && e.status === 401) {
        blockedRef.current = true;
        setStatus({ kind: 'session' });
        void qc.invalidateQueries({ queryKey: meQueryKey });
      } else if (isApiError(e) && e.status >= 400 && e.status < 500 && e.status !== 429 && e.status !== 408) {
        setStatus({ kind: 'invalid', error: e });
      } else {
        // Offline or the server is struggling: keep the local copy and try again, backing off.
        const delay = Math.min(MAX_RETRY_MS, (e as { retryAfterMs?: number }).retryAfterMs ?? 2000 * 2 ** attemptsRef.current);
        attemptsRef.current += 1;
        setStatus(isApiError(e) && e.code === 'offline' ? { kind: 'offline' } : { kind: 'retrying', error: e });
        schedule(delay);
      }
      return false;
    }
  }, [datesRef, persistLocal, qc, schedule]);

  const save = useCallback(async (): Promise<boolean> => {
    clearTimer();
    while (inFlightRef.current) await inFlightRef.current;
    if (!dirtyRef.current) return true;
    if (blockedRef.current) return false;
    const p = saveOnce();
    inFlightRef.current = p;
    try {
      return await p;
    } finally {
      inFlightRef.current = null;
    }
  }, [saveOnce]);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  /** Apply a change: kept on this device at once, sent to the server after a pause in typing. */
  const update = useCallback((change: (f: FormModel) => FormModel) => {
    const next = change(formRef.current);
    formRef.current = next;
    setForm(next);
    seqRef.current += 1;
    changedAtRef.current = Date.now();
    dirtyRef.current = true;
    persistLocal();
    if (blockedRef.current) return;
    setStatus((s) => (s.kind === 'saving' || s.kind === 'offline' || s.kind === 'retrying' ? s : { kind: 'pending' }));
    attemptsRef.current = 0;
    schedule(AUTOSAVE_DELAY_MS);
  }, [persistLocal, schedule]);

  /** Conflict resolution: load the other person's version; the caller keeps the user's text on screen. */
  const loadLatest = useCallback(async (): Promise<void> => {
    const id = idRef.current;
    if (!id) return;
    unansweredRef.current = null;
    const inc = await api.get<TIncident>(`/incidents/${encodeURIComponent(id)}`);
    const next = fromIncident(inc);
    next.customValues = customDatesToText(next.customValues, datesRef.current);
    formRef.current = next;
    setForm(next);
    versionRef.current = inc.version;
    setServer(inc);
    qc.setQueryData(incidentKey(inc.id), inc);
    dirtyRef.current = false;
    blockedRef.current = false;
    changedAtRef.current = Date.now();
    persistLocal();
    setStatus({ kind: 'saved', at: new Date() });
  }, [datesRef, persistLocal, qc]);

  /** After submit: the server copy is the record now, so the device copy is dropped. */
  const forgetLocal = useCallback(() => removeDraft(keyRef.current), []);

  useEffect(() => {
    const retryNow = () => {
      if (dirtyRef.current && !blockedRef.current) {
        attemptsRef.current = 0;
        void saveRef.current();
      }
    };
    const onHidden = () => { if (document.visibilityState === 'hidden') retryNow(); };
    mountedRef.current = true;
    window.addEventListener('online', retryNow);
    document.addEventListener('visibilitychange', onHidden);
    if (dirtyRef.current) schedule(AUTOSAVE_DELAY_MS);
    return () => {
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', onHidden);
      clearTimer();
      mountedRef.current = false;
      // Leaving the page mid-pause: send what is pending rather than waiting for the next visit.
      if (dirtyRef.current && !blockedRef.current) void saveRef.current();
    };
  }, [schedule]);

  return {
    form, update, status, server, storageFailed, flush: save, loadLatest, forgetLocal,
    incidentId: server?.id ?? init.incidentId, id: () => idRef.current, version: () => versionRef.current, lastError: () => lastErrorRef.current,
  };
}
export type Autosave = ReturnType<typeof useAutosave>;
