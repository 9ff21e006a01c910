#define _GNU_SOURCE
#include "CSignalSender.h"

#include <linux/kcmp.h>
#include <errno.h>
#include <sched.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/// One queued signal with `value`, to the process or (thread != 0) to that one thread of it.
static int send_queued(pid_t process, pid_t thread, uid_t uid, int signo, int value) {
    if (thread == 0) return sigqueue(process, signo, (union sigval){ .sival_int = value });
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = signo;
    info.si_code = SI_QUEUE;  // negative, as the kernel requires from another process
    info.si_pid = getpid();
    info.si_uid = uid;
    info.si_value.sival_int = value;
    return (int)syscall(SYS_rt_tgsigqueueinfo, process, thread, signo, &info);
}

pid_t pw_spawn_sigqueue_child(int signo, int count, pid_t thread) {
    pid_t parent = getpid();
    uid_t uid = getuid();
    pid_t child = fork();
    if (child < 0) return -errno;
    if (child == 0) {
        // Only async-signal-safe calls from here: the parent has other threads.
        for (int i = 1; i <= count; i++) {
            while (send_queued(parent, thread, uid, signo, i) != 0) {
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

int pw_same_open_file(int fd, int witness) {
    pid_t self = getpid();
    long result = syscall(SYS_kcmp, self, self, KCMP_FILE, fd, witness);
    if (result == 0) return 1;
    if (result > 0 || errno == EBADF) return 0;
    return -1;
}

static pw_value_handler installed_value_handler;

static void value_trampoline(int signo, siginfo_t *info, void *context) {
    (void)signo;
    (void)context;
    installed_value_handler(info->si_value.sival_int);
}

int pw_install_value_handler(int signo, pw_value_handler handler) {
    installed_value_handler = handler;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = value_trampoline;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (sigaction(signo, &action, NULL) != 0) return -errno;
    // The calling thread may have inherited a mask that blocks it (test runners' threads often do).
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signo);
    return -pthread_sigmask(SIG_UNBLOCK, &only, NULL);
}

void pw_restore_default_handler(int signo) { signal(signo, SIG_DFL); }

int pw_under_thread_sanitizer(void) {
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
    return 1;
#endif
#endif
#if defined(__SANITIZE_THREAD__)
    return 1;
#endif
    return 0;
}
