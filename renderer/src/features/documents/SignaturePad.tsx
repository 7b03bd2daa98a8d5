import { useEffect, useRef, type PointerEvent } from 'react';

/**
 * A canvas the signer draws on with a mouse, a pen or a finger (pointer events; touch-action
 * none keeps the page from scrolling while drawing). Reports a PNG data URL, or '' when cleared.
 */
export function SignaturePad({
  onChange,
  invalid,
  describedBy,
}: {
  onChange(dataUrl: string): void;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.2;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#10243a';
  }, []);

  function point(event: PointerEvent<HTMLCanvasElement>) {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function down(event: PointerEvent<HTMLCanvasElement>) {
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const ctx = event.currentTarget.getContext('2d');
    const { x, y } = point(event);
    ctx?.beginPath();
    ctx?.moveTo(x, y);
    ctx?.lineTo(x + 0.1, y + 0.1);
    ctx?.stroke();
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const ctx = event.currentTarget.getContext('2d');
    const { x, y } = point(event);
    ctx?.lineTo(x, y);
    ctx?.stroke();
  }

  function up(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(event.currentTarget.toDataURL('image/png'));
  }

  function clear() {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    onChange('');
  }

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        role="img"
        aria-label="Signature pad: draw your signature"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={invalid ? 'signature-canvas signature-invalid' : 'signature-canvas'}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <button type="button" className="button button-small" onClick={clear}>
        Clear signature
      </button>
    </div>
  );
}
