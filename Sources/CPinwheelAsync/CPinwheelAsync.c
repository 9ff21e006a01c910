#include "CPinwheelAsync.h"

__thread void *pw_running_slot __attribute__((tls_model("initial-exec"))) = 0;
