import { Box, Button, Group } from '@mantine/core';
import { IconEraser } from '@tabler/icons-react';
import { type PointerEvent, useEffect, useRef } from 'react';
import { exportPng, fitCanvas, midpoint, PAD_HEIGHT, paintBlank, paintImage, type Point, pointIn, setPen } from './ink';
import classes from './SignaturePad.module.css';

export interface SignatureCanvasProps {
  /** The drawn signature as a PNG data URL, or '' for none. */
  readonly value: string;
  readonly onChange: (dataUrl: string) => void;
  readonly labelledBy: string;
  readonly describedBy: string;
}

interface Stroke {
  readonly pointerId: number;
  last: Point;
  mid: Point;
}

/**
 * The drawing surface: Pointer Events for finger, pen and mouse alike, smoothed with quadratic
 * curves through the midpoints; each finished stroke reports the whole drawing as a PNG.
 */
export function SignatureCanvas({ value, onChange, labelledBy, describedBy }: SignatureCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<Stroke | null>(null);
  const scale = useRef(1);
  // What the canvas shows, so a resize can repaint it and our own strokes are not repainted.
  const shown = useRef(value);

  // Size to the shown width now and on rotation or resize, keeping the drawing.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let width = 0;
    const fit = () => {
      const next = canvas.clientWidth || 600;
      if (Math.abs(next - width) < 1) return;
      width = next;
      scale.current = fitCanvas(canvas, next, canvas.clientHeight || PAD_HEIGHT);
      paintImage(canvas, shown.current);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  // A value from outside (cleared, or another drawing) replaces what is shown.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || value === shown.current) return;
    shown.current = value;
    paintImage(canvas, value);
  }, [value]);

  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const canvas = event.currentTarget;
    if (stroke.current || !event.isPrimary || (event.pointerType === 'mouse' && event.button !== 0)) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    const point = pointIn(canvas, event);
    stroke.current = { pointerId: event.pointerId, last: point, mid: point };
    setPen(ctx, scale.current);
    // A tap leaves a dot.
    ctx.beginPath();
    ctx.arc(point.x, point.y, ctx.lineWidth / 2, 0, Math.PI * 2);
    ctx.fill();
  };

  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = stroke.current;
    const canvas = event.currentTarget;
    const ctx = canvas.getContext('2d');
    if (!current || current.pointerId !== event.pointerId || !ctx) return;
    // Coalesced events carry the points the browser merged between frames: smoother curves.
    const events = event.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const e of events.length > 0 ? events : [event.nativeEvent]) {
      const point = pointIn(canvas, e);
      const mid = midpoint(current.last, point);
      ctx.beginPath();
      ctx.moveTo(current.mid.x, current.mid.y);
      ctx.quadraticCurveTo(current.last.x, current.last.y, mid.x, mid.y);
      ctx.stroke();
      current.last = point;
      current.mid = mid;
    }
  };

  const end = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = stroke.current;
    if (!current || current.pointerId !== event.pointerId) return;
    stroke.current = null;
    const canvas = event.currentTarget;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.beginPath();
    ctx.moveTo(current.mid.x, current.mid.y);
    ctx.lineTo(current.last.x, current.last.y);
    ctx.stroke();
    const url = exportPng(canvas);
    shown.current = url;
    onChange(url);
  };

  const clear = () => {
    const canvas = canvasRef.current;
    if (canvas) paintBlank(canvas);
    shown.current = '';
    onChange('');
  };

  return (
    <div>
      <Box className={classes.pad} h={PAD_HEIGHT}>
        <canvas
          ref={canvasRef}
          className={classes.canvas}
          role="img"
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          onPointerDown={start}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
        />
        <div className={classes.baseline} aria-hidden="true">
          <span>×</span>
        </div>
      </Box>
      <Group justify="flex-end" mt={6}>
        <Button variant="subtle" size="sm" leftSection={<IconEraser size={16} aria-hidden="true" />} onClick={clear} disabled={value === ''}>
          Clear
        </Button>
      </Group>
    </div>
  );
}
