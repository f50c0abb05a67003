import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setup } from '../../testing/render';
import { exportPng } from './ink';
import { SignaturePad } from './SignaturePad';

// Real strokes on a real canvas are the browser tests' (Playwright): happy-dom has no 2D canvas,
// so here the context is a recording stub and the PNG a stand-in.
const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function Harness({ initial = '', onChange }: { readonly initial?: string; readonly onChange: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <SignaturePad
      label="Your signature"
      required
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

const fakeContext = () =>
  ({
    fillRect: vi.fn(),
    beginPath: vi.fn(),
    arc: vi.fn(),
    fill: vi.fn(),
    moveTo: vi.fn(),
    lineTo: vi.fn(),
    quadraticCurveTo: vi.fn(),
    stroke: vi.fn(),
    drawImage: vi.fn(),
  }) as unknown as CanvasRenderingContext2D;

afterEach(() => vi.restoreAllMocks());

describe('SignaturePad', () => {
  it('starts in Draw mode, with a pad named by its label and the hint describing it', () => {
    setup(<Harness onChange={vi.fn()} />);
    const group = screen.getByRole('group', { name: 'Your signature' });
    const hint = document.getElementById(group.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(hint?.textContent).toBe('Draw with your finger or mouse, or switch to typing your name');
    expect((within(group).getByRole('radio', { name: 'Draw' }) as HTMLInputElement).checked).toBe(true);
    const pad = within(group).getByRole('img', { name: 'Your signature' });
    expect(pad.tagName).toBe('CANVAS');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByText('Signed')).toBeNull();
  });

  it('switches to Type by keyboard and reports the typed name', async () => {
    const onChange = vi.fn();
    const { user } = setup(<Harness onChange={onChange} />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Draw' }));
    await user.keyboard('{ArrowRight}');
    const name = await screen.findByRole('textbox', { name: 'Type your full name' });
    await user.type(name, 'Marta García');
    expect(onChange).toHaveBeenLastCalledWith('Marta García');
    expect(screen.getByText('Signed')).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'Your signature' })).toBeNull();
  });

  it('keeps each mode’s signature when switching back and forth', async () => {
    const onChange = vi.fn();
    const { user } = setup(<Harness initial={TINY_PNG} onChange={onChange} />);
    await user.click(screen.getByRole('radio', { name: 'Type' }));
    expect(onChange).toHaveBeenLastCalledWith('');
    await user.type(screen.getByRole('textbox', { name: 'Type your full name' }), 'Marta');
    await user.click(screen.getByRole('radio', { name: 'Draw' }));
    expect(onChange).toHaveBeenLastCalledWith(TINY_PNG);
    await user.click(screen.getByRole('radio', { name: 'Type' }));
    expect(onChange).toHaveBeenLastCalledWith('Marta');
  });

  it('opens in Type mode for a typed value, so a re-render keeps it', () => {
    setup(<Harness initial="Marta García" onChange={vi.fn()} />);
    expect((screen.getByRole('textbox', { name: 'Type your full name' }) as HTMLInputElement).value).toBe('Marta García');
    expect(screen.getByText('Signed')).toBeTruthy();
  });

  it('clears a drawn signature', async () => {
    const onChange = vi.fn();
    const { user } = setup(<Harness initial={TINY_PNG} onChange={onChange} />);
    expect(screen.getByText('Signed')).toBeTruthy();
    const clear = screen.getByRole('button', { name: 'Clear' }) as HTMLButtonElement;
    await user.click(clear);
    expect(onChange).toHaveBeenLastCalledWith('');
    expect(screen.queryByText('Signed')).toBeNull();
    expect(clear.disabled).toBe(true);
  });

  it('reports the drawing as a PNG data URL when a stroke ends', () => {
    const ctx = fakeContext();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue(TINY_PNG);
    const onChange = vi.fn();
    setup(<Harness onChange={onChange} />);
    const pad = screen.getByRole('img', { name: 'Your signature' });
    const at = (x: number, y: number) => ({ pointerId: 7, isPrimary: true, pointerType: 'touch', button: 0, clientX: x, clientY: y });
    fireEvent.pointerDown(pad, at(10, 10));
    fireEvent.pointerMove(pad, at(20, 15));
    fireEvent.pointerMove(pad, at(30, 25));
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.pointerUp(pad, at(30, 25));
    expect(ctx.quadraticCurveTo).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenCalledExactlyOnceWith(TINY_PNG);
    expect(screen.getByText('Signed')).toBeTruthy();
  });

  it('does nothing where the browser has no 2D canvas', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const onChange = vi.fn();
    setup(<Harness onChange={onChange} />);
    const pad = screen.getByRole('img', { name: 'Your signature' });
    fireEvent.pointerDown(pad, { pointerId: 1, isPrimary: true, clientX: 1, clientY: 1 });
    fireEvent.pointerUp(pad, { pointerId: 1, isPrimary: true });
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('exportPng', () => {
  it('halves the image until it fits the budget', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(fakeContext() as never);
    // Stand-in PNGs whose size follows the canvas width.
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(function (this: HTMLCanvasElement) {
      return `data:image/png;base64,${'A'.repeat(this.width * 100)}`;
    });
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 320;
    const url = exportPng(canvas, 40_000);
    expect(url.length).toBe('data:image/png;base64,'.length + 300 * 100);
  });

  it('gives nothing when the browser cannot make a PNG', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:,');
    expect(exportPng(document.createElement('canvas'))).toBe('');
  });
});
