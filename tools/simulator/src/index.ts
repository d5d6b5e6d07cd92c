export {
  startSimulator,
  summarizeLatency,
  type RunningSimulator,
  type SimulatorStats,
} from './simulator';
export {
  DEFAULTS,
  OptionError,
  resolveOptions,
  type SimulatorInput,
  type SimulatorOptions,
} from './options';
export { parseCommandLine, runCli } from './cli/run-cli';
export {
  buildDemoStudio,
  mergeRoster,
  type DemoStudio,
  type RoomProfile,
} from './model/demo-studio';
export {
  StudioModel,
  DEFAULT_MODEL_OPTIONS,
  type RoomView,
  type StudioModelOptions,
} from './model/studio-model';
export { seededRng, type Rng } from './model/rng';
export { TelemetrySender, type SenderCounters } from './driver/telemetry-sender';
