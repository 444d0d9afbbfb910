/**
 * The body-map outline (a simple figure in a 200 × 400 view box) and named areas used to place a mark from the
 * keyboard and to describe a tapped mark in words. On the front view the person's right is on the viewer's
 * left; on the back view it is on the viewer's right.
 */
export const VIEW_W = 200;
export const VIEW_H = 400;

const mirror = (pts: Array<[number, number]>) => pts.map(([x, y]) => [VIEW_W - x, y] as [number, number]);
const poly = (pts: Array<[number, number]>) => pts.map(([x, y]) => `${x},${y}`).join(' ');

const ARM: Array<[number, number]> = [[60, 82], [45, 90], [31, 160], [20, 224], [35, 228], [45, 166], [62, 112]];
const LEG: Array<[number, number]> = [[62, 194], [99, 204], [96, 290], [92, 368], [74, 368], [69, 290]];

export const OUTLINE = {
  arms: [poly(ARM), poly(mirror(ARM))],
  legs: [poly(LEG), poly(mirror(LEG))],
  torso: 'M58,84 Q100,70 142,84 L136,150 L140,196 Q100,212 60,196 L64,150 Z',
  head: { cx: 100, cy: 38, rx: 24, ry: 28 },
  neck: { x: 90, y: 62, width: 20, height: 16 },
  hands: [{ cx: 27, cy: 236 }, { cx: 173, cy: 236 }],
  feet: [{ cx: 82, cy: 378 }, { cx: 118, cy: 378 }],
};

export interface BodyRegion { id: string; label: string; front: [number, number]; back: [number, number] }

/** Points on the front view; the back view mirrors left and right. `front` / `back` names differ for the trunk. */
const AREAS: Array<{ id: string; front: string; back?: string; at: [number, number] }> = [
  { id: 'head', front: 'Head and face', back: 'Back of the head', at: [100, 34] },
  { id: 'neck', front: 'Neck', at: [100, 70] },
  { id: 'r-shoulder', front: 'Right shoulder', at: [64, 90] },
  { id: 'l-shoulder', front: 'Left shoulder', at: [136, 90] },
  { id: 'chest', front: 'Chest', back: 'Upper back', at: [100, 112] },
  { id: 'abdomen', front: 'Abdomen', back: 'Lower back', at: [100, 160] },
  { id: 'r-upper-arm', front: 'Right upper arm', at: [48, 122] },
  { id: 'l-upper-arm', front: 'Left upper arm', at: [152, 122] },
  { id: 'r-forearm', front: 'Right forearm and wrist', at: [34, 190] },
  { id: 'l-forearm', front: 'Left forearm and wrist', at: [166, 190] },
  { id: 'r-hand', front: 'Right hand', at: [27, 236] },
  { id: 'l-hand', front: 'Left hand', at: [173, 236] },
  { id: 'hips', front: 'Hips and groin', back: 'Buttocks', at: [100, 198] },
  { id: 'r-thigh', front: 'Right thigh', at: [82, 245] },
  { id: 'l-thigh', front: 'Left thigh', at: [118, 245] },
  { id: 'r-knee', front: 'Right knee', at: [83, 290] },
  { id: 'l-knee', front: 'Left knee', at: [117, 290] },
  { id: 'r-lower-leg', front: 'Right lower leg and ankle', at: [83, 332] },
  { id: 'l-lower-leg', front: 'Left lower leg and ankle', at: [117, 332] },
  { id: 'r-foot', front: 'Right foot', at: [82, 378] },
  { id: 'l-foot', front: 'Left foot', at: [118, 378] },
];

export const REGIONS: BodyRegion[] = AREAS.map((a) => ({
  id: a.id,
  label: a.back ? `${a.front} / ${a.back.toLowerCase()}` : a.front,
  front: a.at,
  back: [VIEW_W - a.at[0], a.at[1]],
}));

export function regionName(id: string, side: 'front' | 'back'): string {
  const a = AREAS.find((x) => x.id === id);
  if (!a) return '';
  return side === 'back' && a.back ? a.back : a.front;
}

/** The named area nearest to a mark, in words ("left forearm and wrist"). */
export function describePoint(side: 'front' | 'back', x: number, y: number): string {
  let best = REGIONS[0];
  let bestD = Infinity;
  for (const r of REGIONS) {
    const [rx, ry] = r[side];
    const d = (rx - x * VIEW_W) ** 2 + (ry - y * VIEW_H) ** 2;
    if (d < bestD) { bestD = d; best = r; }
  }
  return best ? regionName(best.id, side).toLowerCase() : '';
}
