import CLibFuzzer
#if canImport(Glibc)
import Glibc
#endif

// libFuzzer's driver, fuzzing this harness's entry point with the flags given (Scripts/fuzz).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzBoardFile(data!, size) })
