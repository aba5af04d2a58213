export { createTestDatabase, type TestDatabase } from './test-database';
export { startStack, runServerToExit, STACK_DEMO_PASSWORD, type Stack, type StackOptions } from './start-stack';
export { freePort } from './free-port';
export { seedStackDataDir } from './stack-template';
export { signInToStack, usCustomerBody, type StackAnswer, type StackSession } from './stack-session';
export { countStatements, type StatementLog } from './count-statements';
