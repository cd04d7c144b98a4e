import { describeNodeType, defaultCatalog } from '@sopline/registry/browser';
import { describe, expect, it } from 'vitest';
import { formFields, jsonSchemaOf } from './forms/schemaFields.ts';
import { manifestOf } from './runtimeManifest.ts';

/** What the designer makes of a node type it knows only from nodeTypes.list (through JSON, as over the wire). */
const overTheWire = (type: string) => manifestOf(JSON.parse(JSON.stringify(describeNodeType(defaultCatalog.get(type)!, { kind: 'plugin', name: 'x' }))));

describe('a node type learnt at run time', () => {
  it('parses configs as its own schema does: defaults filled, bounds kept', () => {
    const wait = overTheWire('wait');
    expect(wait.config.parse({})).toEqual(defaultCatalog.get('wait')!.config.parse({}));
    expect(wait.config.safeParse({ mode: 'duration', amount: 0 }).success).toBe(false);
    const branch = overTheWire('branch-tag');
    expect(branch.config.safeParse({ tags: [] }).success).toBe(false);
    expect(branch.config.parse({ tags: ['VIP'] })).toEqual({ tags: ['VIP'], match: 'any', mode: 'has' });
  });

  it('has the ports the server described, per config where they depend on it', () => {
    const wait = overTheWire('wait');
    expect(wait.ports({ mode: 'date-property', property: 'birthday' }).map((p) => p.id)).toEqual(['out', 'missing']);
    expect(wait.ports({ mode: 'duration' }).map((p) => p.id)).toEqual(['out']);
    expect(overTheWire('branch-tag').ports({}).map((p) => p.label['zh-CN'])).toEqual(['是', '否']);
  });

  it("gives the form its fields with the package's labels, and a summary from the template or the title", () => {
    const exit = overTheWire('exit');
    const fields = formFields(jsonSchemaOf(exit.config)!);
    expect(fields.map((f) => f.key)).toEqual(['reason']);
    expect(exit.summary({}, 'zh-CN')).toBe('结束');
    expect(overTheWire('trigger-tag-added').category).toBe('trigger');
  });

  it('draws a bundled Tabler icon as its component and any other Tabler icon from the SVG the server sent', () => {
    const d = JSON.parse(JSON.stringify(describeNodeType(defaultCatalog.get('add-tag')!, { kind: 'plugin', name: 'x' }))) as ReturnType<typeof describeNodeType>;
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 12h16"/></svg>';
    expect(manifestOf({ ...d, icon: { kind: 'tabler', name: 'tag', svg } }).icon).toBe('tag');
    expect(manifestOf({ ...d, icon: { kind: 'tabler', name: 'arrows-split-2', svg } }).icon).toBe(svg);
    expect(manifestOf({ ...d, icon: { kind: 'tabler', name: 'arrows-split-2' } }).icon).toBe('arrows-split-2');
  });
});
