"""`adb shell` on the simulated phone: each command the UiAutomator2 driver runs, and what it answers.

To model a new command, add a function with `@SHELL.command("word", "word")` (its leading words); it
gets the device and the remaining words and returns the Output. Words the handler does not expect raise
NotModelled, as does any command missing from the table: the driver session then fails naming it.
App-management commands act on the simulated device (the app's process, screen, keyboard, deep links).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from harness.sim.device_side.android.device import (
    APP_PID,
    INSTRUMENTATION,
    SERVER_PACKAGE,
    SERVER_PID,
    SERVER_TEST_PACKAGE,
    SETTINGS_PACKAGE,
    AndroidDevice,
)
from harness.sim.device_side.android.output import Output, text
from harness.sim.device_side.strict import NotModelled
from harness.sim.device_side.table import Table

ShellHandler = Callable[[AndroidDevice, list[str]], Output]
HIDDEN_API_SETTINGS = ("hidden_api_policy_pre_p_apps", "hidden_api_policy_p_apps", "hidden_api_policy")
KEYCODE_BACK, KEYCODE_ESCAPE = 4, 111


class ShellTable(Table[tuple[str, ...], ShellHandler]):
    def command(self, *words: str) -> Callable[[ShellHandler], ShellHandler]:
        return self.entry(words)

    def run(self, device: AndroidDevice, line: str) -> Output:
        """A shell line as the phone's sh runs it: commands separated by `;`, quoting removed."""
        result = Output()
        for words in split_commands(line):
            result = result.then(self.run_one(device, words))
        return result

    def run_one(self, device: AndroidDevice, words: list[str]) -> Output:
        for size in range(min(len(words), 4), 0, -1):
            handler = self.handlers.get(tuple(words[:size]))
            if handler is not None:
                return handler(device, words[size:])
        raise NotModelled("adb shell", shlex.join(words))


def split_commands(line: str) -> list[list[str]]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";")
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    for token in lexer:
        if token == ";":
            commands.append([])
        else:
            commands[-1].append(token)
    return [words for words in commands if words]


def unexpected(words: list[str], *head: str) -> NotModelled:
    return NotModelled("adb shell", shlex.join([*head, *words]), "arguments not modelled")


SHELL = ShellTable()


# ---- device facts ------------------------------------------------------------------------------------
@SHELL.command("getprop")
def getprop(device: AndroidDevice, args: list[str]) -> Output:
    properties = device.facts.properties
    if len(args) != 1 or args[0] not in properties:
        raise unexpected(args, "getprop")
    return text(properties[args[0]])


@SHELL.command("settings", "put", "global")
def settings_put(device: AndroidDevice, args: list[str]) -> Output:
    if len(args) != 2 or args[0] not in HIDDEN_API_SETTINGS:
        raise unexpected(args, "settings", "put", "global")
    return Output()


@SHELL.command("settings", "delete", "global")
def settings_delete(device: AndroidDevice, args: list[str]) -> Output:
    if len(args) != 1 or args[0] not in HIDDEN_API_SETTINGS:
        raise unexpected(args, "settings", "delete", "global")
    return text("Deleted 1 rows")


@SHELL.command("ps", "--help")
def ps_help(device: AndroidDevice, args: list[str]) -> Output:
    return text("usage: ps [-AadefLlnwZ] [-gG GROUP,] [-k FIELD,] [-o FIELD,] [-p PID,] [-t TTY,] [-uU USER,]"
                "\n\nList processes.\n\n-A\tAll processes\n-a\tProcesses with terminals")


@SHELL.command("ps", "-A")
def ps_all(device: AndroidDevice, args: list[str]) -> Output:
    if args:
        raise unexpected(args, "ps", "-A")
    row = "{user:<12} {pid:>5} {ppid:>5} {vsz:>10} {rss:>6} 0 0 S {name}"
    rows = ["USER           PID  PPID        VSZ    RSS WCHAN ADDR S NAME",
            row.format(user="root", pid=1, ppid=0, vsz=10930776, rss=3904, name="init")]
    if device.server_running:
        rows.append(row.format(user="u0_a123", pid=SERVER_PID, ppid=300, vsz=15028324, rss=110396,
                               name=SERVER_PACKAGE))
    if device.app_running():
        rows.append(row.format(user="u0_a200", pid=APP_PID, ppid=300, vsz=16181668, rss=210396,
                               name=device.app_package))
    return text("\n".join(rows))


@SHELL.command("cat", "/proc/net/unix")
def unix_sockets(device: AndroidDevice, args: list[str]) -> Output:
    # where the driver looks for web views' devtools sockets: the simulated phone exposes none
    return text("Num       RefCount Protocol Flags    Type St Inode Path")


# ---- the UiAutomator2 server (instrumentation) ----------------------------------------------------------
@SHELL.command("am", "instrument")
def instrument(device: AndroidDevice, args: list[str]) -> Output:
    """Starts the UiAutomator2 server: the adb process runs as long as the server does."""
    if "-w" not in args or args[-1] != INSTRUMENTATION:
        raise unexpected(args, "am", "instrument")
    run = device.start_instrumentation()
    started = "INSTRUMENTATION_STATUS: class=io.appium.uiautomator2.server.test.AppiumUiAutomator2Server\n"
    return Output(out=started, until=run.ended, on_hangup=lambda: device.end_instrumentation(run))


# ---- packages and activities ------------------------------------------------------------------------------
@SHELL.command("cmd", "package", "list", "packages")
def list_packages(device: AndroidDevice, args: list[str]) -> Output:
    if args not in ([], ["--show-versioncode"]):
        raise unexpected(args, "cmd", "package", "list", "packages")
    show = bool(args)
    return text("\n".join(f"package:{name}" + (f" versionCode:{code}" if show else "")
                          for name, code in device.packages.items()))


@SHELL.command("cmd", "package", "resolve-activity")
def resolve_activity(device: AndroidDevice, args: list[str]) -> Output:
    if len(args) != 2 or args[0] != "--brief":
        raise unexpected(args, "cmd", "package", "resolve-activity")
    package = args[1]
    if package != device.app_package:
        return text("No activity found")
    return text(f"priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\n"
                f"{package}/{device.app_activity}")


@SHELL.command("am", "force-stop")
def force_stop(device: AndroidDevice, args: list[str]) -> Output:
    if len(args) != 1:
        raise unexpected(args, "am", "force-stop")
    package = args[0]
    if package == device.app_package and device.link.session_id is not None:
        device.link.execute("mobile: terminateApp", {"appId": package})
    elif package in (SERVER_PACKAGE, SERVER_TEST_PACKAGE):
        device.end_instrumentation()
    return Output()


@SHELL.command("am", "start-activity")
def start_activity(device: AndroidDevice, args: list[str]) -> Output:
    component = _option(args, "-n")
    if component is None or "/" not in component:
        raise unexpected(args, "am", "start-activity")
    package = component.split("/", 1)[0]
    if package != device.app_package:
        return text(f"Starting: Intent {{ cmp={component} }}\nError type 3\n"
                    f"Error: Activity class {{{component}}} does not exist.")
    device.link.execute("mobile: activateApp", {"appId": package})
    return text(f"Starting: Intent {{ act=android.intent.action.MAIN cmp={component} }}")


@SHELL.command("am", "start")
def start_view(device: AndroidDevice, args: list[str]) -> Output:
    """A deep link: `am start [-W] -a android.intent.action.VIEW -d <url> [<package>]`."""
    url = _option(args, "-d")
    if _option(args, "-a") != "android.intent.action.VIEW" or url is None:
        raise unexpected(args, "am", "start")
    rest = [w for w in args if w not in ("-W", "-a", "android.intent.action.VIEW", "-d", url)]
    if len(rest) > 1:
        raise unexpected(args, "am", "start")
    params = {"url": url, "package": rest[0] if rest else device.app_package}
    device.link.execute("mobile: deepLink", params)
    return text(f"Starting: Intent {{ act=android.intent.action.VIEW dat={url} }}\nStatus: ok\n"
                "LaunchState: WARM\nActivity: " + device.focused_component() + "\nComplete")


@SHELL.command("pm", "clear")
def clear_data(device: AndroidDevice, args: list[str]) -> Output:
    if len(args) != 1:
        raise unexpected(args, "pm", "clear")
    if args[0] == device.app_package and device.link.session_id is not None:
        device.link.execute("mobile: clearApp", {"appId": args[0]})
    return text("Success")


# ---- what runs and what has the focus ---------------------------------------------------------------------
@SHELL.command("dumpsys", "activity", "processes")
def activity_processes(device: AndroidDevice, args: list[str]) -> Output:
    if args:
        raise unexpected(args, "dumpsys", "activity", "processes")
    rows = ["ACTIVITY MANAGER RUNNING PROCESSES (dumpsys activity processes)"]
    if device.server_running:
        rows.append(f"  *APP* UID 10123 ProcessRecord{{a1b2c3 {SERVER_PID}:{SERVER_PACKAGE}/u0a123}}")
    if device.app_running():
        rows.append(f"  *APP* UID 10200 ProcessRecord{{d4e5f6 {APP_PID}:{device.app_package}/u0a200}}")
    return text("\n".join(rows))


@SHELL.command("dumpsys", "activity", "services")
def activity_services(device: AndroidDevice, args: list[str]) -> Output:
    if len(args) != 1 or not args[0].startswith(SETTINGS_PACKAGE):
        raise unexpected(args, "dumpsys", "activity", "services")
    return text("ACTIVITY MANAGER SERVICES (dumpsys activity services)\n  (nothing)")


@SHELL.command("dumpsys", "window", "displays")
def window_displays(device: AndroidDevice, args: list[str]) -> Output:
    if args:
        raise unexpected(args, "dumpsys", "window", "displays")
    component = device.focused_component()
    return text(f"  mCurrentFocus=Window{{3c4d u0 {component}}}\n"
                f"  mFocusedApp=ActivityRecord{{5d6e u0 {component} t42}}")


# ---- keyboard and keys ------------------------------------------------------------------------------------
@SHELL.command("dumpsys", "input_method")
def input_method(device: AndroidDevice, args: list[str]) -> Output:
    if args:
        raise unexpected(args, "dumpsys", "input_method")
    shown = device.link.session_id is not None and bool(device.link.execute("mobile: isKeyboardShown"))
    flag = "true" if shown else "false"
    return text(f"  mInputShown={flag}\n  mIsInputViewShown={flag}\n  mShowRequested={flag}")


@SHELL.command("input", "keyevent")
def key_event(device: AndroidDevice, args: list[str]) -> Output:
    if len(args) != 1 or not args[0].isdigit():
        raise unexpected(args, "input", "keyevent")
    code = int(args[0])
    if code == KEYCODE_ESCAPE:
        device.link.execute("mobile: hideKeyboard")
    elif code == KEYCODE_BACK:
        device.link.call("POST", "/back", {})
    else:
        device.link.execute("mobile: pressKey", {"keycode": code})
    return Output()


def _option(args: list[str], flag: str) -> str | None:
    """The value after `flag` in an `am` command line."""
    if flag in args:
        index = args.index(flag)
        if index + 1 < len(args):
            return args[index + 1]
    return None
