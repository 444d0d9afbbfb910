/**
 * A part of a page that is a chunk of its own, fetched after the page's first paint (the incident form's physical
 * intervention record, the dashboard's other tabs and drill-down lists). If its chunk cannot be fetched (the
 * connection dropped, or Haven was updated since the page loaded), the part says so with a button that fetches it
 * again, and the rest of the page stays as it is, with whatever was typed in it: without this boundary the failed
 * import would take the whole page down to the route's error screen.
 *
 *   const pi = useLaterComponent(() => loadPiCard().then((m) => m.PiCard));
 *   <LaterPart what="physical intervention record" onRetry={pi.retry}><pi.Comp … /></LaterPart>
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

/** A lazy component made from `load`, made again by `retry` (React keeps a failed import's error for good). */
export function useLaterComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  const make = () => lazy(() => load().then((c) => ({ default: c })));
  const [Comp, setComp] = useState(make);
  return { Comp, retry: () => setComp(make) };
}

interface LaterPartProps { what: string; onRetry: () => void; fallback?: ReactNode; children: ReactNode }

export class LaterPart extends Component<LaterPartProps, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } { return { failed: true }; }
  override render() {
    const { what, onRetry, fallback, children } = this.props;
    if (this.state.failed) {
      return (
        <ErrorAlert title={`The ${what} could not be loaded`}
          error={new Error('Check the connection, then try again. Nothing entered on this page is lost.')}
          onRetry={() => { onRetry(); this.setState({ failed: false }); }} />
      );
    }
    const waiting = fallback === undefined ? <Loading label={`Loading the ${what}…`} /> : fallback;
    return <Suspense fallback={waiting}>{children}</Suspense>;
  }
}
