/**
 * A body map (INC-3): front and back outlines as inline SVG. Tap or click an outline to place a mark; each mark
 * has a person (pupil or staff), a side and a note. Marks are also listed as text, and a mark can be added at a
 * named body area from the keyboard, so the map works without a pointer and with a screen reader.
 */
import { useId, useState, type MouseEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { Textarea } from './Textarea';
import type { TBodyMapMark } from '@haven/contracts';
import { describePoint, OUTLINE, REGIONS, VIEW_H, VIEW_W } from './bodyMapShape';

type Side = TBodyMapMark['side'];
type Person = TBodyMapMark['person'];
const PERSON_LABELS: Record<Person, string> = { pupil: 'Pupil', staff: 'Staff' };
const SIDE_LABELS: Record<Side, string> = { front: 'Front', back: 'Back' };
const PERSON_OPTIONS = [{ value: 'pupil', label: 'Pupil' }, { value: 'staff', label: 'Staff' }];
const SIDE_OPTIONS = [{ value: 'front', label: 'Front' }, { value: 'back', label: 'Back' }];

export function describeMark(m: TBodyMapMark, n: number): string {
  return `Mark ${n}: ${PERSON_LABELS[m.person].toLowerCase()}, ${m.side}, ${describePoint(m.side, m.x, m.y)}`;
}

function Outline({ side, marks, onPlace, titleId }: {
  side: Side;
  marks: Array<{ m: TBodyMapMark; n: number }>;
  onPlace?: (side: Side, x: number, y: number) => void;
  titleId: string;
}) {
  const click = (e: MouseEvent<SVGSVGElement>) => {
    if (!onPlace) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const y = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
    onPlace(side, Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000);
  };
  const title = `${SIDE_LABELS[side]} of the body: ${marks.length} ${marks.length === 1 ? 'mark' : 'marks'}`;
  return (
    <figure style={{ margin: 0, flex: '1 1 0', maxWidth: 220, minWidth: 120 }}>
      <svg viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} role="img" aria-labelledby={titleId} onClick={click}
        style={{ width: '100%', aspectRatio: `${VIEW_W} / ${VIEW_H}`, display: 'block', cursor: onPlace ? 'crosshair' : 'default', touchAction: 'manipulation' }}>
        <title id={titleId}>{title}</title>
        <g fill="#fff" stroke="#495057" strokeWidth={2} strokeLinejoin="round">
          {OUTLINE.arms.map((p) => <polygon key={p} points={p} />)}
          {OUTLINE.legs.map((p) => <polygon key={p} points={p} />)}
          {OUTLINE.hands.map((h) => <circle key={h.cx} cx={h.cx} cy={h.cy} r={10} />)}
          {OUTLINE.feet.map((f) => <ellipse key={f.cx} cx={f.cx} cy={f.cy} rx={12} ry={8} />)}
          <path d={OUTLINE.torso} />
          <rect {...OUTLINE.neck} />
          <ellipse {...OUTLINE.head} />
          {side === 'back'
            ? <line x1={100} y1={84} x2={100} y2={190} strokeDasharray="4 4" />
            : <circle cx={100} cy={168} r={2} fill="#495057" />}
        </g>
        {marks.map(({ m, n }) => {
          const [cx, cy] = [m.x * VIEW_W, m.y * VIEW_H];
          const colour = m.person === 'pupil' ? '#c92a2a' : '#1864ab';
          return (
            <g key={n} aria-hidden="true">
              {m.person === 'pupil'
                ? <circle cx={cx} cy={cy} r={10} fill={colour} />
                : <rect x={cx - 9} y={cy - 9} width={18} height={18} fill={colour} />}
              <text x={cx} y={cy + 4} textAnchor="middle" fontSize={12} fontWeight={700} fill="#fff">{n}</text>
            </g>
          );
        })}
      </svg>
      <Text component="figcaption" size="sm" ta="center" fw={600}>{SIDE_LABELS[side]}</Text>
    </figure>
  );
}

export function BodyMap({ marks, onChange, readOnly = false, label = 'Body map', error, id }: {
  marks: TBodyMapMark[];
  onChange?: (marks: TBodyMapMark[]) => void;
  readOnly?: boolean;
  label?: string;
  error?: string;
  id?: string;
}) {
  const uid = useId();
  const base = id ?? `bodymap${uid.replace(/:/g, '')}`;
  const [person, setPerson] = useState<Person>('pupil');
  const [region, setRegion] = useState(REGIONS[0]?.id ?? '');
  const [side, setSide] = useState<Side>('front');
  const editable = !readOnly && !!onChange;
  const numbered = marks.map((m, i) => ({ m, n: i + 1 }));

  const add = (mark: TBodyMapMark) => {
    if (!onChange) return;
    onChange([...marks, mark]);
    // Straight to the new mark's note, so a tap is followed by typing what the injury is.
    const n = marks.length + 1;
    requestAnimationFrame(() => document.getElementById(`${base}-note-${n}`)?.focus());
  };
  const place = (s: Side, x: number, y: number) => add({ person, side: s, x, y, note: '' });
  const addAtRegion = () => {
    const r = REGIONS.find((x) => x.id === region);
    if (r) add({ person, side, x: r[side][0] / VIEW_W, y: r[side][1] / VIEW_H, note: '' });
  };
  const change = (i: number, patch: Partial<TBodyMapMark>) => onChange?.(marks.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const remove = (i: number) => onChange?.(marks.filter((_, j) => j !== i));

  return (
    <Stack gap="sm" role="group" aria-labelledby={`${base}-label`} id={base}>
      <Text id={`${base}-label`} fw={600}>{label}</Text>
      {editable ? (
        <Text size="sm" c="dimmed" id={`${base}-help`}>
          Tap or click the outline where the injury is, or choose a body area below and add a mark. Red circles are the pupil, blue squares staff.
        </Text>
      ) : null}
      {error ? <Text size="sm" c="red.9" role="alert">{error}</Text> : null}
      {editable ? (
        <NativeSelect label="New marks are for" data={PERSON_OPTIONS} value={person} id={`${base}-person`}
          onChange={(e) => setPerson(e.currentTarget.value as Person)} maw={220} />
      ) : null}
      <Group gap="md" wrap="nowrap" justify="center" align="flex-start">
        <Outline side="front" titleId={`${base}-front`} marks={numbered.filter((x) => x.m.side === 'front')} onPlace={editable ? place : undefined} />
        <Outline side="back" titleId={`${base}-back`} marks={numbered.filter((x) => x.m.side === 'back')} onPlace={editable ? place : undefined} />
      </Group>
      {editable ? (
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect label="Body area" data={REGIONS.map((r) => ({ value: r.id, label: r.label }))} value={region}
            onChange={(e) => setRegion(e.currentTarget.value)} style={{ flex: '1 1 12rem' }} id={`${base}-region`} />
          <NativeSelect label="Side of the body" data={SIDE_OPTIONS} value={side} id={`${base}-side`}
            onChange={(e) => setSide(e.currentTarget.value as Side)} style={{ flex: '1 1 8rem' }} />
          <Button variant="default" onClick={addAtRegion}>Add mark</Button>
        </Group>
      ) : null}
      {marks.length === 0 ? (
        <Text size="sm">No marks.</Text>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`${label}: marks`}>
          {numbered.map(({ m, n }, i) => (
            <li key={n}>
              <Text size="sm" fw={600}>{describeMark(m, n)}</Text>
              {editable ? (
                <Stack gap={6} mt={4}>
                  <Group gap="sm" wrap="wrap" align="flex-end">
                    <NativeSelect label={`Person for mark ${n}`} data={PERSON_OPTIONS} value={m.person}
                      onChange={(e) => change(i, { person: e.currentTarget.value as Person })} style={{ flex: '1 1 8rem' }} />
                    <NativeSelect label={`Side for mark ${n}`} data={SIDE_OPTIONS} value={m.side}
                      onChange={(e) => change(i, { side: e.currentTarget.value as Side })} style={{ flex: '1 1 8rem' }} />
                    <Button variant="subtle" color="red" onClick={() => remove(i)}>Remove mark {n}</Button>
                  </Group>
                  <Textarea label={`Note for mark ${n}`} id={`${base}-note-${n}`} value={m.note} autosize minRows={2} maxLength={500}
                    description="What the injury or mark looks like" onChange={(e) => change(i, { note: e.currentTarget.value })} />
                </Stack>
              ) : (
                m.note ? <Text size="sm" className="break-anywhere" style={{ whiteSpace: 'pre-wrap' }}>{m.note}</Text> : null
              )}
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
