/**
 * WCAG 2 contrast of what a page shows: every visible text (and every form control's own text)
 * against the background it is painted on, found by compositing its ancestors' backgrounds.
 * Answers the elements below the ratio WCAG AA asks for: 4.5:1, or 3:1 for large text (24 px,
 * or 18.66 px bold). Disabled controls are exempt, as WCAG has them.
 */
import type { Page } from 'playwright-core';

export interface ContrastFailure {
  /** Tag, test id or classes, and the start of its text. */
  element: string;
  foreground: string;
  background: string;
  ratio: number;
  required: number;
}

export interface ContrastReport {
  checked: number;
  failures: ContrastFailure[];
  /** Texts over a background image or gradient: not measured. */
  unmeasured: string[];
}

export function checkContrast(page: Page): Promise<ContrastReport> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];

    function parse(color: string): Rgba {
      const match = /^rgba?\(([^)]+)\)$/.exec(color.trim());
      if (!match) throw new Error(`a colour this check does not read: ${color}`);
      const parts = match[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    }

    /** `top` painted over the opaque `bottom`. */
    function over(top: Rgba, bottom: Rgba): Rgba {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
    }

    function luminance([r, g, b]: Rgba): number {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    }

    function ratio(a: Rgba, b: Rgba): number {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light! + 0.05) / (dark! + 0.05);
    }

    const hex = (c: Rgba) =>
      '#' +
      c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('');

    /** The element's parent, out of a shadow root to its host (the editors live in one). */
    function up(node: Element): Element | null {
      const root = node.getRootNode();
      return node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }

    /** The opaque colour behind an element, or null over an image. */
    function backgroundOf(element: Element): Rgba | null {
      const layers: Rgba[] = [];
      for (let node: Element | null = element; node; node = up(node)) {
        const style = getComputedStyle(node);
        // A lint mark's wavy underline is an image along the text's bottom edge, not behind
        // its glyphs: the colour behind them is what the layers below paint.
        const underline = node.classList.contains('cm-lintRange');
        if (style.backgroundImage !== 'none' && !underline) return null;
        const color = parse(style.backgroundColor);
        if (color[3] > 0) layers.push(color);
        if (color[3] >= 1) break;
      }
      // Below the page: the canvas, white unless the root paints it.
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    }

    function opacityOf(element: Element): number {
      let opacity = 1;
      for (let node: Element | null = element; node; node = up(node)) {
        opacity *= Number(getComputedStyle(node).opacity);
      }
      return opacity;
    }

    function describe(element: Element, text: string): string {
      let testid: string | null | undefined;
      for (let node: Element | null = element; node && !testid; node = up(node)) {
        testid = node.getAttribute('data-testid');
      }
      const classes = [...element.classList].filter((c) => !c.startsWith('svelte-')).join('.');
      const name = `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''}`;
      return `${name}${testid ? ` in [data-testid=${testid}]` : ''} "${text.trim().slice(0, 40)}"`;
    }

    const elements = new Map<Element, string>();
    const roots: Array<Element | ShadowRoot> = [document.body];
    for (const root of roots) {
      const walker = document.createTreeWalker(
        root,
        NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT,
      );
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Element) {
          if (node.shadowRoot) roots.push(node.shadowRoot);
          if (node.matches('input, select, textarea') && (node as HTMLInputElement).value) {
            elements.set(node, (node as HTMLInputElement).value);
          }
          continue;
        }
        const text = node.textContent ?? '';
        const parent = node.parentElement;
        if (!parent || !text.trim() || parent.closest('option, script, style')) continue;
        elements.set(parent, (elements.get(parent) ?? '') + text);
      }
    }

    const failures: ContrastFailure[] = [];
    const unmeasured: string[] = [];
    let checked = 0;
    for (const [element, text] of elements) {
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (element.closest(':disabled')) continue;
      const style = getComputedStyle(element);
      const background = backgroundOf(element);
      if (!background) {
        unmeasured.push(describe(element, text));
        continue;
      }
      const color = parse(style.color);
      const foreground = over(
        [color[0], color[1], color[2], color[3] * opacityOf(element)],
        background,
      );
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = large ? 3 : 4.5;
      const measured = ratio(foreground, background);
      checked++;
      if (measured < required) {
        failures.push({
          element: describe(element, text),
          foreground: hex(foreground),
          background: hex(background),
          ratio: Math.round(measured * 100) / 100,
          required,
        });
      }
    }
    return { checked, failures, unmeasured };
  });
}
