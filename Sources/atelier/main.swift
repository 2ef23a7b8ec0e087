import AtelierCLI
import Foundation

// A write to a closed pipe fails with EPIPE, which the CLI reports, instead of killing the process.
signal(SIGPIPE, SIG_IGN)

AtelierCommand.main()
