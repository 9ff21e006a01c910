// libFuzzer's driver, which the harnesses call from their own main: SwiftPM gives every executable a main of its
// own, so libFuzzer's is not the one that runs. Defined by the fuzzer runtime (-sanitize=fuzzer).
#ifndef PINWHEEL_CLIBFUZZER_H
#define PINWHEEL_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Parses libFuzzer's flags in `argv` and fuzzes `callback` with them; returns the exit status.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
