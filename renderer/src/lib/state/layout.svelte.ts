/**
 * Layout preferences: pane sizes, the request view's orientation, where the schema docs sit,
 * a collapsed problems banner. Pure presentation, so they live in this window's localStorage
 * (no secret, nothing main needs); a stored value that does not parse or is out of bounds
 * falls back to its default.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('layout');
const STORAGE_KEY = 'appsync-workbench.layout';

/** Each size's bounds and default; the splitters clamp to them. */
export const BOUNDS = {
  /** The editor's share of the request view's width, in percent (side by side). */
  editorShare: { min: 20, max: 80, initial: 50 },
  /** The editor pane's height in pixels (response below). */
  editorHeight: { min: 240, max: 1600, initial: 520 },
  /** The query editor's height in pixels (the variables follow it). */
  queryHeight: { min: 100, max: 1200, initial: 300 },
  /** The profile sidebar's width in pixels. */
  sidebarWidth: { min: 200, max: 560, initial: 300 },
} as const;

export type Size = keyof typeof BOUNDS;

interface Stored {
  editorShare?: number;
  editorHeight?: number;
  queryHeight?: number;
  sidebarWidth?: number;
  vertical?: boolean;
  docsDocked?: boolean;
  collapsedProblems?: string | null;
}

// Field by field: one bad value loses only itself. (By hand, not zod: the window starts without
// loading a validator.)
function storedOf(value: unknown): Stored {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const raw = value as Record<string, unknown>;
  const number = (key: string) => {
    const field = raw[key];
    return typeof field === 'number' ? field : undefined;
  };
  const flag = (key: string) => {
    const field = raw[key];
    return typeof field === 'boolean' ? field : undefined;
  };
  const problems = raw.collapsedProblems;
  return {
    editorShare: number('editorShare'),
    editorHeight: number('editorHeight'),
    queryHeight: number('queryHeight'),
    sidebarWidth: number('sidebarWidth'),
    vertical: flag('vertical'),
    docsDocked: flag('docsDocked'),
    collapsedProblems: typeof problems === 'string' || problems === null ? problems : undefined,
  };
}

function clampSize(size: Size, value: number): number {
  const { min, max } = BOUNDS[size];
  return Math.round(Math.min(max, Math.max(min, value)));
}

function sizeOr(size: Size, value: number | undefined): number {
  return value === undefined || !Number.isFinite(value)
    ? BOUNDS[size].initial
    : clampSize(size, value);
}

function readStored(storage: Storage | undefined): Stored {
  try {
    return storedOf(JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}'));
  } catch {
    return {};
  }
}

export class LayoutState {
  editorShare = $state<number>(BOUNDS.editorShare.initial);
  editorHeight = $state<number>(BOUNDS.editorHeight.initial);
  queryHeight = $state<number>(BOUNDS.queryHeight.initial);
  sidebarWidth = $state<number>(BOUNDS.sidebarWidth.initial);
  /** The response below the editor instead of beside it. */
  vertical = $state(false);
  /** The schema docs beside the editor instead of folded under it. */
  docsDocked = $state(false);
  /** The problems (as `problemsKey` names them) the user folded into a badge. */
  collapsedProblems = $state<string | null>(null);

  readonly #storage: Storage | undefined;

  constructor(storage: Storage | undefined = globalThis.localStorage) {
    this.#storage = storage;
    const stored = readStored(storage);
    this.editorShare = sizeOr('editorShare', stored.editorShare);
    this.editorHeight = sizeOr('editorHeight', stored.editorHeight);
    this.queryHeight = sizeOr('queryHeight', stored.queryHeight);
    this.sidebarWidth = sizeOr('sidebarWidth', stored.sidebarWidth);
    this.vertical = stored.vertical ?? false;
    this.docsDocked = stored.docsDocked ?? false;
    this.collapsedProblems = stored.collapsedProblems ?? null;
  }

  /** Sets a size within its bounds; `save()` remembers it once the drag is over. */
  resize(size: Size, value: number): void {
    this[size] = clampSize(size, value);
  }

  set(change: Partial<Pick<LayoutState, 'vertical' | 'docsDocked' | 'collapsedProblems'>>): void {
    Object.assign(this, change);
    this.save();
  }

  save(): void {
    const stored: Stored = {
      editorShare: this.editorShare,
      editorHeight: this.editorHeight,
      queryHeight: this.queryHeight,
      sidebarWidth: this.sidebarWidth,
      vertical: this.vertical,
      docsDocked: this.docsDocked,
      collapsedProblems: this.collapsedProblems,
    };
    try {
      this.#storage?.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // A full or disabled storage only costs the layout its memory.
    }
  }
}

export function provideLayout(state: LayoutState): LayoutState {
  return setContext(KEY, state);
}

export function useLayout(): LayoutState {
  const state = getContext<LayoutState | undefined>(KEY);
  if (!state) throw new Error('useLayout() needs provideLayout() in a parent component');
  return state;
}
