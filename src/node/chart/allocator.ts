/**
 * resvg-js allocates with mimalloc, which gives freed pages back to the system at once: every chart then faults in
 * ~10 MB of fresh pages again, a third of a chart's time. Told to keep them (purge delay −1) it reuses them. mimalloc
 * reads its options from the environment when the native module loads, so this module is imported before
 * '@resvg/resvg-js' (./render); a value the user set is left alone. Programs without mimalloc ignore the variable.
 */
process.env.MIMALLOC_PURGE_DELAY ??= '-1';
