#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-completion.py: bash completion of xcvrmap completes what the command accepts.

Usage:
  test-completion.py --xcvrmap PATH --completion FILE [--bash-completion FILE]

Each case runs the completion function in bash, with bash-completion loaded, as readline
would: COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set for a command line, then
COMPREPLY read back. Checked, as TAP:
- the commands are those of `xcvrmap --help` (and `help`), the main options its Options:;
- for every command, `xcvrmap CMD -` completes exactly the options of `xcvrmap help CMD`;
- `--format` completes the values that command's --help names (text|json|xml …), also in
  the `--format=j` form; `--cap` net and pci;
- `module` and `topo` complete /sys/class/net's interfaces, `topo --pci` PCI functions,
  `module -f` and `--root` files and directories;
- `-d` completes libvirt's domains when -c names a URI (libvirt's test driver, through
  virsh), and completes nothing, quickly, when virsh is absent.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

PENDING = {"watch", "metrics"}
BASH = shutil.which("bash") or "/bin/bash"
results = []


def report(ok, name, detail=""):
    results.append((ok, name, detail))


def help_options(text):
    opts = set()
    for line in text.splitlines():
        m = re.match(r"^\s+(?:(-\w), )?(--[\w-]+)", line)
        if m:
            opts.add(m.group(2))
            if m.group(1):
                opts.add(m.group(1))
    return opts


def usage_commands(usage):
    cmds = []
    in_commands = False
    for line in usage.splitlines():
        if line == "Commands:":
            in_commands = True
            continue
        if in_commands and not line.strip():
            break
        m = re.match(r"^  (\w[\w-]*)\b", line) if in_commands else None
        if m and m.group(1) not in cmds:
            cmds.append(m.group(1))
    return cmds


def bash_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


class Completer:
    def __init__(self, opts, path_env=None):
        self.opts = opts
        self.path_env = path_env

    def complete(self, words):
        """COMPREPLY for the command line `words` (the last one being completed)."""
        line = " ".join(words)
        # readline splits at COMP_WORDBREAKS (":" and "=" among them), as bash does
        words = [t for w in words[:-1] for t in re.findall(r"[:=]+|[^:=]+", w)] + \
            (re.findall(r"[:=]+|[^:=]+", words[-1]) or [""])
        script = ["source %s" % bash_quote(self.opts.bash_completion),
                  "source %s" % bash_quote(self.opts.completion),
                  "COMP_WORDS=(%s)" % " ".join(bash_quote(w) for w in words),
                  "COMP_CWORD=%d" % (len(words) - 1),
                  "COMP_LINE=%s" % bash_quote(line),
                  "COMP_POINT=%d" % len(line),
                  "_xcvrmap xcvrmap %s %s" % (bash_quote(words[-1]),
                                              bash_quote(words[-2] if len(words) > 1 else "")),
                  'printf "%s\\n" "${COMPREPLY[@]}"']
        env = dict(os.environ)
        if self.path_env is not None:
            env["PATH"] = self.path_env
        p = subprocess.run([BASH, "--norc", "--noprofile", "-c", "\n".join(script)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, env=env, timeout=60)
        return set(l for l in p.stdout.split("\n") if l), p.stderr


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--completion", required=True)
    ap.add_argument("--bash-completion", default="/usr/share/bash-completion/bash_completion")
    opts = ap.parse_args()
    if not os.path.exists(opts.bash_completion):
        print("1..0 # SKIP bash-completion is not installed")
        return 0
    c = Completer(opts)

    usage = run([opts.xcvrmap, "--help"])
    commands = [x for x in usage_commands(usage) if x != "help"]
    got, err = c.complete(["xcvrmap", ""])
    report(set(commands) | {"help"} <= got and got - set(commands) - {"help"} <= PENDING,
           "xcvrmap <TAB>: the commands of xcvrmap --help",
           "got %s\nwant %s\n%s" % (sorted(got), sorted(commands), err))
    got, err = c.complete(["xcvrmap", "-"])
    want = help_options(usage[usage.find("\nOptions:"):])
    report(got == want, "xcvrmap -<TAB>: the main options", "%s %s %s" % (got, want, err))
    got, _ = c.complete(["xcvrmap", "nodedev-"])
    report(got == {"nodedev-dumpxml", "nodedev-list"}, "xcvrmap nodedev-<TAB>", got)
    got, _ = c.complete(["xcvrmap", "help", "ma"])
    report(got == {"map"}, "xcvrmap help ma<TAB>: map", got)

    for cmd in sorted(set(commands) | PENDING):
        if cmd not in commands:
            results.append((True, "%s: not in this build yet, options not compared" % cmd,
                            "SKIP"))
            continue
        helptext = run([opts.xcvrmap, "help", cmd])
        want = help_options(helptext)
        got, err = c.complete(["xcvrmap", cmd, "-"])
        report(got == want, "xcvrmap %s -<TAB>: the options of its --help" % cmd,
               "missing %s\nextra %s\n%s" % (sorted(want - got), sorted(got - want), err))
        m = re.search(r"^\s+--format=(\S+)", helptext, re.M)
        if m:
            values = set(m.group(1).split("|"))
            got, err = c.complete(["xcvrmap", cmd, "--format", ""])
            report(got == values, "xcvrmap %s --format <TAB>: %s" % (cmd, m.group(1)),
                   "%s %s" % (sorted(got), err))

    got, _ = c.complete(["xcvrmap", "map", "--format=j"])
    report(got == {"json"}, "xcvrmap map --format=j<TAB>: json", got)
    got, _ = c.complete(["xcvrmap", "nodedev-list", "--cap", ""])
    report(got == {"net", "pci"}, "xcvrmap nodedev-list --cap <TAB>: net pci", got)

    ifaces = set(os.listdir("/sys/class/net"))
    got, _ = c.complete(["xcvrmap", "module", ""])
    report(got == ifaces and len(ifaces) > 0, "xcvrmap module <TAB>: /sys/class/net",
           "%s vs %s" % (sorted(got), sorted(ifaces)))
    got, _ = c.complete(["xcvrmap", "topo", "--root", "/", "lo", ""])
    report(got == ifaces, "xcvrmap topo … <TAB>: /sys/class/net", got)
    pci = set(os.listdir("/sys/bus/pci/devices")) if os.path.isdir("/sys/bus/pci/devices") \
        else set()
    got, _ = c.complete(["xcvrmap", "topo", "--pci", ""])
    report(got == pci, "xcvrmap topo --pci <TAB>: /sys/bus/pci/devices",
           "%s vs %s" % (sorted(got), sorted(pci)))

    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "hostroot"))
        open(os.path.join(tmp, "hostimage.bin"), "w").close()
        got, _ = c.complete(["xcvrmap", "map", "--root", tmp + "/host"])
        report(got == {tmp + "/hostroot"}, "xcvrmap map --root DIR<TAB>: directories only",
               got)
        got, _ = c.complete(["xcvrmap", "module", "-f", tmp + "/x.bin", tmp + "/hosti"])
        report(got == {tmp + "/hostimage.bin"}, "xcvrmap module -f A B<TAB>: files", got)

        virsh = shutil.which("virsh")
        if virsh:
            got, err = c.complete(["xcvrmap", "map", "-c", "test:///default", "-d", ""])
            report(got == {"test"}, "xcvrmap map -c test:///default -d <TAB>: libvirt's "
                   "domains (virsh)", "%s %s" % (sorted(got), err))
            got, err = c.complete(["xcvrmap", "publish", "--connect=test:///default", "-d",
                                   "t"])
            report(got == {"test"}, "xcvrmap publish --connect=URI -d t<TAB>: test",
                   "%s %s" % (sorted(got), err))
        else:
            results.append((True, "libvirt's domains: virsh is not installed", "SKIP"))
        # without virsh on PATH: nothing, at once, and no error
        bindir = os.path.join(tmp, "bin")
        os.mkdir(bindir)
        for tool in ("timeout", "cat", "sed", "ls"):
            path = shutil.which(tool)
            if path:
                os.symlink(path, os.path.join(bindir, tool))
        start = time.monotonic()
        got, err = Completer(opts, bindir).complete(["xcvrmap", "map", "-d", ""])
        report(got == set() and err == "" and time.monotonic() - start < 10,
               "xcvrmap map -d <TAB> without virsh: nothing, no error", "%s %s" % (got, err))
    got, _ = c.complete(["xcvrmap", "map", "-c", "qemu:///s"])
    # readline replaces only the part after the last colon
    report(got == {"///system", "///session"}, "xcvrmap map -c qemu:///s<TAB>: qemu URIs", got)

    print("1..%d" % len(results))
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        if detail == "SKIP":
            print("ok %d - %s # SKIP" % (i, name))
            continue
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in str(detail).splitlines()[:30]:
                print("#   " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
