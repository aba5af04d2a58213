/** The timeline port is declared once in @csphub/domain (the database implements it). */
export type { AttemptFinish, AttemptStart, AttemptSucceeded, RunState, RunUpdate, StepTimeline } from '@csphub/domain';
