import { describe, expect, it } from 'vitest';
import { layoutJourney } from './layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from './placement.ts';

describe('layoutJourney', () => {
  it('puts the trigger on top, each step below the one before it, "yes" left of "no", with no overlaps', async () => {
    const positions = await layoutJourney({
      nodes: [
        // Listed out of order on purpose: the edges, not the list, decide the layers.
        { id: 'vip', ports: ['out'] },
        { id: 'end', ports: [] },
        { id: 'branch', ports: ['yes', 'no'] },
        { id: 'start', ports: ['out'], isTrigger: true },
        { id: 'nurture', ports: ['out'] },
      ],
      edges: [
        { id: 'e1', source: 'start', sourcePort: 'out', target: 'branch' },
        { id: 'e2', source: 'branch', sourcePort: 'yes', target: 'vip' },
        { id: 'e3', source: 'branch', sourcePort: 'no', target: 'nurture' },
        { id: 'e4', source: 'vip', sourcePort: 'out', target: 'end' },
        { id: 'e5', source: 'nurture', sourcePort: 'out', target: 'end' },
      ],
    });
    const p = (id: string) => positions[id]!;
    expect(Object.keys(positions).sort()).toEqual(['branch', 'end', 'nurture', 'start', 'vip']);
    expect(p('start').y).toBeLessThan(p('branch').y);
    expect(p('branch').y + NODE_HEIGHT).toBeLessThanOrEqual(p('vip').y);
    expect(p('vip').y).toBe(p('nurture').y);
    expect(p('vip').x).toBeLessThan(p('nurture').x);
    expect(p('vip').y + NODE_HEIGHT).toBeLessThanOrEqual(p('end').y);

    const boxes = Object.values(positions);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  it('lays out loops, unknown ports and unconnected nodes without failing', async () => {
    const positions = await layoutJourney({
      nodes: [
        { id: 'start', ports: ['out'], isTrigger: true },
        { id: 'wait', ports: ['out'], width: 300, height: 120 },
        { id: 'loose', ports: [] },
      ],
      edges: [
        { id: 'a', source: 'start', sourcePort: 'out', target: 'wait' },
        { id: 'b', source: 'wait', sourcePort: 'gone', target: 'start' },
        { id: 'c', source: 'wait', sourcePort: 'out', target: 'missing' },
      ],
    });
    expect(Object.keys(positions).sort()).toEqual(['loose', 'start', 'wait']);
    expect(positions.start!.y).toBeLessThan(positions.wait!.y);
  });

  it('keeps a loop readable: the step the loop returns to stays above the branch that loops back', async () => {
    const positions = await layoutJourney({
      nodes: [
        { id: 'branch', ports: ['yes', 'no'] },
        { id: 'wait', ports: ['out'] },
        { id: 'end', ports: [] },
        { id: 'start', ports: ['out'], isTrigger: true },
      ],
      edges: [
        { id: 'a', source: 'start', sourcePort: 'out', target: 'wait' },
        { id: 'b', source: 'wait', sourcePort: 'out', target: 'branch' },
        { id: 'c', source: 'branch', sourcePort: 'yes', target: 'end' },
        { id: 'd', source: 'branch', sourcePort: 'no', target: 'wait' },
      ],
    });
    expect(positions.start!.y).toBeLessThan(positions.wait!.y);
    expect(positions.wait!.y).toBeLessThan(positions.branch!.y);
    expect(positions.branch!.y).toBeLessThan(positions.end!.y);
  });
});
