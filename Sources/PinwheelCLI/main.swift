import PinwheelCommands

// `pinwheel`: the commands live in PinwheelCommands, so that the command-line fuzzer parses exactly what this runs.
PinwheelCommand.runShowingEscapedText()
