import { useCallback, useRef, useState, type RefCallback } from 'react';

/**
 * The width an element is drawn at, in CSS pixels, kept up to date. Charts draw their SVG at exactly this width
 * (viewBox = size), so a 12 px label is 12 px on the screen: an SVG scaled to fit its box would shrink its text
 * with it (a 640-unit chart in a 400 px column drew 11 px labels at about 7 px).
 */
export function useDrawingWidth(initial: number): [RefCallback<HTMLElement>, number] {
  const [width, setWidth] = useState(initial);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    const measure = () => setWidth(Math.max(MIN_WIDTH, Math.floor(element.clientWidth)));
    observer.current = new ResizeObserver(measure);
    observer.current.observe(element);
    measure();
  }, []);
  return [ref, width];
}

/** Below this a chart is drawn at this width and its box scrolls: labels never shrink. */
const MIN_WIDTH = 280;
