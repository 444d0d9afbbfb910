/**
 * False on a component's first render, true from the task after the browser has painted it. A long page draws its
 * first screen with the first render and the rest just after, so a slow phone paints the top of the page before
 * working through everything below it. The rest is drawn in a transition, which React renders in slices it can pause:
 * no one long task holds up a tap. Content drawn later only adds to the page below what is there: nothing on screen
 * moves.
 */
import { startTransition, useEffect, useState } from 'react';

export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a frame callback runs just before the next paint; a task queued from it runs after that paint
    const frame = requestAnimationFrame(() => { timer = setTimeout(() => startTransition(() => setPainted(true)), 0); });
    return () => { cancelAnimationFrame(frame); if (timer !== undefined) clearTimeout(timer); };
  }, []);
  return painted;
}
