#define _GNU_SOURCE
#include "CSignalSender.h"

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t pw_spawn_sigqueue_child(int signo, int count) {
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) return -errno;
    if (child == 0) {
        // Only async-signal-safe calls from here: the parent has other threads.
        for (int i = 1; i <= count; i++) {
            union sigval value = { .sival_int = i };
            while (sigqueue(parent, signo, value) != 0) {
                if (errno != EAGAIN) _exit(2);
                sched_yield();  // the parent's queue is full: let it drain
            }
        }
        _exit(0);
    }
    return child;
}

int pw_wait_child(pid_t child) {
    int status = 0;
    if (waitpid(child, &status, 0) != child) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int pw_open_descriptor_count(void) {
    DIR *dir = opendir("/proc/self/fd");
    if (dir == NULL) return -1;
    int count = 0;
    while (readdir(dir) != NULL) count++;
    closedir(dir);
    return count - 3;  // ".", "..", and the directory's own descriptor
}
