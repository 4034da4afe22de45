/** What a rule reports: the line in the file, the rule's name and what to change. */
export interface Finding {
  line: number;
  rule: string;
  message: string;
}

import type { Node } from 'unist';

export const lineOf = (node: Node): number => node.position?.start.line ?? 1;
