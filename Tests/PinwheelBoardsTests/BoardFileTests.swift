import PinwheelBoards
import PinwheelText
import SystemPackage
import Testing
#if canImport(Glibc)
import Glibc
#endif

let boardsDirectory = String(
    #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")) + "/boards"

@Suite struct BoardFileTests {
    static let minimal = "name = tiny\nchip = pinctrl-test\n[header]\n1 = GPIO4\n2 = ground\n[names]\nLED = pin 1\n"

    @Test func everyShippedBoardLoadsWithTheDemosLogicalNames() throws {
        let catalog = BoardCatalog(directory: boardsDirectory)
        #expect(catalog.boardNames == ["gpio-sim", "qemu-mps2-an386", "qemu-raspi3b", "rpi3b", "rpi4b", "rpi5", "sim", "zero2w"])
        for name in catalog.boardNames {
            let board = try catalog.load(name)
            if board.driver == .qemu {
                // Emulated boards name the lines their firmware drives: the LED.
                #expect(board.emulation != nil && board.resolve("LED") != nil, "\(name) lacks its emulation or LED")
                continue
            }
            #expect(board.name == name)
            #expect(!board.description.isEmpty, "\(name) has no description")
            for logical in ["LED", "BUTTON", "SWITCH", "SENSOR", "RED", "AMBER", "GREEN", "PWM"] {
                #expect(board.resolve(logical) != nil, "\(name) lacks \(logical)")
            }
        }
    }

    @Test func namesResolveThroughHeaderPinsToLinesOnALabelledChip() throws {
        let catalog = BoardCatalog(directory: boardsDirectory)
        let rpi5 = try catalog.load("rpi5")
        #expect(rpi5.chipLabel == "pinctrl-rp1")
        #expect(rpi5.driver == .libgpiod)
        #expect(rpi5.resolve("LED")! == ("GPIO17", 11))
        #expect(rpi5.resolve("BUTTON")! == ("GPIO27", 13))
        #expect(rpi5.header[6] == .ground && rpi5.header[1] == .power("3V3"))
        #expect(try catalog.load("rpi4b").chipLabel == "pinctrl-bcm2711")
        let sim = try catalog.load("sim")
        #expect(sim.driver == .simulated)
        #expect(sim.lineNames.count == 28 && sim.lineNames.contains("GPIO17"))
        let gpioSim = try catalog.load("gpio-sim")
        #expect(gpioSim.lineNames == ["LED", "BUTTON", "SWITCH", "SENSOR", "RED", "AMBER", "GREEN", "PWM"])
    }

    @Test func commentsBlankLinesAndLineReferencesParse() throws {
        let text = """
            # a comment
            name = tiny   # trailing comment

            chip = pinctrl-test
            description = A board: with punctuation, and spaces
            [names]
            LED = pin 1
            BUZZER = line GPIO9
            [header]
            1 = GPIO4
            2 = power 5V
            """
        let board = try BoardFile.parse(text, path: "tiny.board")
        #expect(board.description == "A board: with punctuation, and spaces")
        #expect(board.driver == .libgpiod, "libgpiod unless the file says otherwise")
        #expect(board.resolve("LED")! == ("GPIO4", 1))
        #expect(board.resolve("BUZZER")! == ("GPIO9", nil))
        #expect(board.lineNames == ["GPIO4", "GPIO9"])
        #expect(board.resolve("NOPE") == nil)
    }

    /// Each mistake is reported at its line and column, saying what was expected there.
    @Test(arguments: [
        ("name = tiny\nchip = x\ncolour = red\n", 3, 1, "unknown key `colour`: expected one of name, description, driver, chip, emulator, machine, firmware"),
        ("name = tiny\nchip = x\n[pins]\n", 3, 2, "unknown section [pins]: expected [header] or [names]"),
        ("name = tiny\nchip = x\n[header\n", 3, 1, "expected `]` to close the section name"),
        ("name = tiny\nchip = x\n[header]\nseven = GPIO4\n", 4, 1, "expected a header pin number (1, 2, …), found `seven`"),
        ("name = tiny\nchip = x\n[header]\n1 = GPIO4\n1 = GPIO5\n", 5, 1, "pin 1 is already listed"),
        ("name = tiny\nchip = x\n[header]\n1 = GPIO4\n2 = GPIO4\n", 5, 5, "line GPIO4 is already on pin 1"),
        ("name = tiny\nchip = x\n[header]\n1 = power\n", 4, 5, "expected `power VOLTAGE`, for example `power 3V3`"),
        ("name = tiny\nchip = x\n[names]\nLED = pin eleven\n", 4, 11, "expected a header pin number after `pin`, found `eleven`"),
        ("name = tiny\nchip = x\n[names]\nLED = GPIO17\n", 4, 7, "expected `pin N` or `line NAME`, found `GPIO17`"),
        ("name = tiny\nchip = x\n[names]\nLED = pin 7\n", 4, 7, "pin 7 is not in [header]: add `7 = LINE` there, or use `line NAME`"),
        ("name = tiny\nchip = x\n[header]\n6 = ground\n[names]\nLED = pin 6\n", 6, 7, "pin 6 is ground, not a GPIO line"),
        ("name = tiny\nchip = x\n[names]\n2LED = pin 1\n", 4, 1, "expected a logical name (letters, digits, _), found `2LED`"),
        ("name = tiny\nchip = x\n[names]\nLED = line A\n  LED = line B\n", 5, 3, "LED is already named on line 4"),
        ("name = tiny\nchip = x\ndriver = fpga\n", 3, 10, "unknown driver `fpga`: expected libgpiod, simulated or qemu"),
        ("name = tiny\nchip = x\nname = other\n", 3, 1, "`name` is already set on line 1"),
        ("name = tiny\nchip = gpio chip 0\n", 2, 8, "expected one word for `chip`, without spaces"),
        ("name = tiny\nchip\n", 2, 1, "expected `key = value` (top-level keys: name, description, driver, chip, emulator, machine, firmware)"),
        ("name = tiny\nchip =   \n", 2, 7, "expected a value after `=` (top-level keys: name, description, driver, chip, emulator, machine, firmware)"),
        ("name = tiny\n", 1, 1, "missing `chip = pinctrl-bcm2711`: every board file sets name and chip"),
    ] as [(String, Int, Int, String)])
    func mistakesAreReportedWhereTheyAre(text: String, line: Int, column: Int, message: String) {
        #expect(throws: BoardFileError(path: "tiny.board", line: line, column: column, message: message)) {
            _ = try BoardFile.parse(text, path: "tiny.board")
        }
    }

    @Test func theErrorReadsAsPathLineColumnMessage() {
        let error = BoardFileError(path: "boards/rpi5.board", line: 12, column: 5, message: "pin 6 is ground, not a GPIO line")
        #expect(error.description == "boards/rpi5.board:12:5: pin 6 is ground, not a GPIO line")
    }

    @Test func theBoardNameMustMatchItsFile() {
        #expect(throws: BoardFileError(
            path: "big.board", line: 1, column: 8,
            message: "the board is called `tiny` but its file is big.board: make them the same, as `--board` finds a board by its file name"
        )) { _ = try BoardFile.parse(Self.minimal, path: "big.board", expectedName: "big") }
    }

    @Test func aBadBoardsDirectoryOrFileIsExplained() {
        let empty = BoardCatalog(directory: "/nonexistent/boards")
        #expect(throws: BoardError.unknownBoard(name: "sim", available: [], directory: "/nonexistent/boards")) {
            _ = try empty.load("sim")
        }
        #expect(BoardError.unknownBoard(name: "sim", available: [], directory: "/x").description
            == "unknown board \"sim\": /x has no board files; pick one of those, or add sim.board there")
    }

    @Test func aMissingBoardsDirectoryIsAnErrorNotAnEmptyList() {
        #expect(throws: BoardError.boardsDirectoryUnreadable(path: "/no/such/dir", errno: .noSuchFileOrDirectory)) {
            _ = try BoardCatalog.open("/no/such/dir")
        }
        #expect(BoardError.boardsDirectoryUnreadable(path: "/no/such/dir", errno: .noSuchFileOrDirectory).description
            == "cannot read the boards directory /no/such/dir: No such file or directory; give --boards (or PINWHEEL_BOARDS) a directory that holds .board files")
    }

    @Test func aHundredThousandNamesParseAndResolve() throws {
        // Before issue 14 each name was checked against every earlier one and resolved by a scan: 100,000 names
        // took 46 s to parse in a release build. Now a lookup each.
        var text = Self.minimal  // 7 lines, ending in [names] with LED
        for index in 0..<100_000 { text += "N\(index) = line L\(index)\n" }
        let board = try BoardFile.parse(text, path: "big.board")
        #expect(board.names.count == 100_001)
        #expect(board.resolve("N99999")! == ("L99999", nil))
        #expect(board.resolve("LED")! == ("GPIO4", 1))
        #expect(board.lineNames.count == 100_001)
        #expect(throws: BoardFileError(path: "big.board", line: 100_008, column: 1, message: "N5 is already named on line 13")) {
            _ = try BoardFile.parse(text + "N5 = line X\n", path: "big.board")
        }
    }

    @Test func emulatedBoardsNameTheirEmulatorMachineAndFirmware() throws {
        let catalog = BoardCatalog(directory: boardsDirectory)
        let mps2 = try catalog.load("qemu-mps2-an386")
        #expect(mps2.driver == .qemu)
        #expect(mps2.emulation == Emulation(emulator: "qemu-system-arm", machine: "mps2-an386", firmware: "mps2-an386"))
        let pi = try catalog.load("qemu-raspi3b")
        #expect(pi.emulation == Emulation(emulator: "qemu-system-aarch64", machine: "raspi3b", firmware: "raspi3b"))
        #expect(pi.resolve("LED")! == ("GPIO17", 11))
    }

    @Test(arguments: [
        ("name = e\nchip = x\ndriver = qemu\nmachine = m\nfirmware = f\n", 3, 1,
         "driver = qemu needs `emulator = …` too: an emulated board sets emulator, machine, firmware"),
        ("name = e\nchip = x\nmachine = mps2-an386\n", 3, 1,
         "`machine` is for emulated boards (driver = qemu); this board's driver is libgpiod"),
        ("name = e\nchip = x\ndriver = qemu\nemulator = qemu system\n", 4, 12, "expected one word for `emulator`, without spaces"),
    ] as [(String, Int, Int, String)])
    func emulationMistakesAreReported(text: String, line: Int, column: Int, message: String) {
        #expect(throws: BoardFileError(path: "e.board", line: line, column: column, message: message)) {
            try BoardFile.parse(text, path: "e.board")
        }
    }
}
