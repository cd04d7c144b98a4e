import { describe, expect, it } from 'vitest';
import { revealShift } from './viewport.ts';

const view = { x: 0, y: 0, width: 1000, height: 600 };
const minimap = { x: 835, y: 15, width: 150, height: 100 };

describe('revealShift', () => {
  it('leaves a node that is in view and uncovered where it is', () => {
    expect(revealShift({ x: 400, y: 300, width: 248, height: 84 }, view, [minimap])).toEqual({ dx: 0, dy: 0 });
  });

  it('brings a node cut off on the right back into view (the inspector opened over it)', () => {
    const { dx, dy } = revealShift({ x: 900, y: 300, width: 248, height: 84 }, view, []);
    expect(dy).toBe(0);
    expect(900 + dx + 248).toBeLessThanOrEqual(1000 - 16);
  });

  it('moves a node out from under the minimap the shortest way', () => {
    const { dx, dy } = revealShift({ x: 700, y: 40, width: 248, height: 84 }, view, [minimap]);
    const moved = { x: 700 + dx, y: 40 + dy, width: 248, height: 84 };
    const clear = moved.x + moved.width <= minimap.x || moved.y >= minimap.y + minimap.height;
    expect(clear).toBe(true);
    expect(moved.x).toBeGreaterThanOrEqual(0);
  });

  it('moves a node dropped onto the toolbar to below or beside it', () => {
    const toolbar = { x: 15, y: 15, width: 180, height: 40 };
    const { dx, dy } = revealShift({ x: 10, y: 0, width: 248, height: 84 }, view, [toolbar]);
    const moved = { x: 10 + dx, y: 0 + dy };
    expect(moved.y >= 55 || moved.x >= 195).toBe(true);
    expect(moved.x).toBeGreaterThanOrEqual(0);
  });

  it('shows the start of a node wider than the view', () => {
    expect(revealShift({ x: -50, y: 100, width: 2000, height: 84 }, view, []).dx).toBe(66);
  });
});
