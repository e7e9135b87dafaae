/** `owc build`: generate the output folder in memory, then write it. */
export { buildProgram, connectorsDir, runtimeDir, type BuildFile, type BuildOptions, type BuildResult, type RuntimeMode } from './build-program.js';
export { buildManifestName, writeBuild, type WriteResult } from './write.js';
