// Package cli is the zumodra command line: one cobra command per file, each
// a struct with typed options, a Validate method and output to the App's
// writers, so tests run commands in-process and read what they printed.
//
// Exit status: 0 success; 1 the command ran and failed (a database error, a
// migration that failed, a tenant not found, a conflict); 2 it could not run
// as asked (unknown command or flag, missing argument, invalid input); 130 it
// was interrupted by SIGINT or SIGTERM before it finished.
package cli
