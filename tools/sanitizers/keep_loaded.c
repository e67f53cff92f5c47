/* Preloaded (LD_PRELOAD) into every program of the sanitizer run, tools/sanitize-tests.sh only.
 *
 * LeakSanitizer names the frames of its stacks when the program exits. By then the Vulkan loader
 * has dlclose'd the driver (lavapipe, with LLVM) and the validation layer at vkDestroyInstance, so
 * every frame inside them printed as "<unknown module>": a report could be neither read nor
 * suppressed by library. A dlclose that leaves libraries mapped keeps those frames named. Nothing
 * is ever loaded again over an unloaded library here, so no program's behaviour changes. Built
 * without sanitizers: it is also preloaded into the system programs the tests run. */
#include <dlfcn.h>

int dlclose(void *handle)
{
    (void)handle;
    return 0;
}
