import type { Text } from './text.ts';
import { text } from './text.ts';

export type Problem = {
  code: string;
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  /** Where inside the node config or graph document, for pointing a form at the field. */
  path?: (string | number)[];
  message: Text;
};

/** The catalogue of structural problems. Node types add their own codes through `validate`. */
export const messages = {
  invalidDocument: (where: string, detail: string) => text(`旅程文档格式错误（${where}）：${detail}`, `The journey document is malformed at ${where}: ${detail}`),
  tooManyNodes: (max: number) => text(`节点过多：最多 ${max} 个`, `Too many nodes: at most ${max}`),
  tooManyEdges: (max: number) => text(`连线过多：最多 ${max} 条`, `Too many connections: at most ${max}`),
  duplicateNodeId: (id: string) => text(`节点 ID「${id}」重复`, `Node id "${id}" is used twice`),
  duplicateEdgeId: (id: string) => text(`连线 ID「${id}」重复`, `Connection id "${id}" is used twice`),
  unknownNodeType: (type: string) => text(`未知的节点类型「${type}」：是否缺少插件？`, `Unknown node type "${type}": is its plugin installed?`),
  unsupportedVersion: (type: string, v: number, max: number) => text(`节点类型「${type}」不支持版本 ${v}（最高 ${max}）`, `Node type "${type}" has no version ${v} (latest is ${max})`),
  invalidConfig: (detail: string) => text(`配置无效：${detail}`, `Invalid setting: ${detail}`),
  noTrigger: () => text('旅程需要一个触发节点', 'The journey needs a trigger node'),
  manyTriggers: (n: number) => text(`旅程只能有一个触发节点（现有 ${n} 个）`, `A journey has exactly one trigger (found ${n})`),
  triggerHasInput: () => text('触发节点不能有输入连线', 'Nothing may connect into the trigger'),
  edgeUnknownSource: (id: string) => text(`连线的起点节点「${id}」不存在`, `The connection starts at node "${id}", which does not exist`),
  edgeUnknownTarget: (id: string) => text(`连线的终点节点「${id}」不存在`, `The connection ends at node "${id}", which does not exist`),
  edgeUnknownPort: (port: string) => text(`节点没有名为「${port}」的出口`, `The node has no exit named "${port}"`),
  edgeSelf: () => text('节点不能连接到自身', 'A node cannot connect to itself'),
  /** `port` is the exit's label (下一步, 是, 超时未发生 …), never its id. */
  portUnwired: (port: Text) => text(`出口「${port['zh-CN']}」未连接：请连到下一步或「结束」节点`, `Exit "${port.en}" is not connected: connect it to a next step or to an Exit node`),
  portManyEdges: (port: Text) => text(`出口「${port['zh-CN']}」连了多条线：每个出口只能连一个下一步`, `Exit "${port.en}" has several connections: each exit leads to exactly one next step`),
  unreachable: () => text('从触发节点无法到达此节点', 'This node cannot be reached from the trigger'),
  loopWithoutWait: () => text('循环中没有等待节点：客户会无限循环', 'This loop has no wait: a customer would cycle forever'),
} as const;
