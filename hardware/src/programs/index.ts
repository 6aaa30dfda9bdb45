export { runInProgramProcess, type ProgramRun } from './program-process';
