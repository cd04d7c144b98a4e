export { alreadySetUp, needsSetup, parseSetupInput, setUpInstallation, SetupInput } from './setup.ts';
