/** One task of a phase: this process handles items i where i mod count == index. */
export interface TaskSpec {
  index: number;
  count: number;
}

export const SINGLE_TASK: TaskSpec = { index: 0, count: 1 };
