#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""check-man.py: the manual pages say what the command does, and are clean roff.

Usage:
  check-man.py --xcvrmap PATH [--mandoc PATH] [--man PATH] [--lexgrog PATH] PAGE.1…

Checks, printed as TAP:
- every page is clean for `mandoc -T lint -W all` (style included), `man --warnings` (groff's
  warnings) and `lexgrog` (its NAME line is what whatis/apropos index);
- every page has NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS, EXAMPLES and SEE ALSO;
  xcvrmap(1) also ENVIRONMENT and FILES;
- the commands of `xcvrmap --help` are exactly the commands xcvrmap(1) lists, and each has
  its page xcvrmap-CMD(1);
- for every command, the options of `xcvrmap help CMD` (which is `xcvrmap CMD --help`) are
  exactly the options the page's OPTIONS section describes, both ways, and every option its
  SYNOPSIS shows is one the command has; xcvrmap(1)'s OPTIONS are the main usage's.
Pages of commands another branch is adding (PENDING) are checked like the others once the
command exists; until then only their roff is checked.
"""
import argparse
import os
import re
import subprocess
import sys

# written from their issue's specification while the commands are being written elsewhere
PENDING = {"watch", "metrics"}
SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES",
            "SEE ALSO"]

results = []


def report(ok, name, detail=""):
    results.append((ok, name, detail))


def help_options(text):
    """The short and long options a GOption --help (or the main usage) lists."""
    opts = set()
    for line in text.splitlines():
        m = re.match(r"^\s+(?:(-\w), )?(--[\w-]+)", line)
        if m:
            opts.add(m.group(2))
            if m.group(1):
                opts.add(m.group(1))
    return opts


def usage_commands(usage):
    """The commands of the main usage's Commands: block."""
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


def sections(source):
    """{SECTION NAME: [lines]} of a roff page."""
    out = {}
    current = None
    for line in source.splitlines():
        m = re.match(r'^\.SH\s+"?([^"]+)"?\s*$', line)
        if m:
            current = m.group(1).strip()
            out[current] = []
        elif current:
            out[current].append(line)
    return out


def roff_options(lines):
    """The options named anywhere in these roff lines (\\-\\-long and \\-x)."""
    opts = set()
    for line in lines:
        if line.startswith('.\\"'):
            continue
        for m in re.finditer(r"\\-\\-([A-Za-z][\w\\-]*)", line):
            opts.add("--" + m.group(1).replace("\\-", "-"))
        for m in re.finditer(r"(?:^|[\s\"\[|])\\-([A-Za-z])(?![\w\\])", line):
            opts.add("-" + m.group(1))
    return opts


def tag_options(lines):
    """The options of the .TP tags of an OPTIONS section (the line after each .TP)."""
    tags = [lines[i + 1] for i, line in enumerate(lines[:-1]) if line.startswith(".TP")]
    return roff_options(tags)


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, env=dict(os.environ, LC_ALL="C.UTF-8",
                                                         MANWIDTH="80"))
    return p.returncode, p.stdout, p.stderr


def lint(page, opts):
    name = os.path.basename(page)
    if opts.mandoc:
        rc, out, err = run([opts.mandoc, "-T", "lint", "-W", "all", page])
        report(rc == 0 and out == "" and err == "", name + ": mandoc -T lint -W all clean",
               out + err)
    if opts.man:
        rc, out, err = run([opts.man, "--warnings", "-E", "UTF-8", "-l", page])
        report(rc == 0 and err == "" and "NAME" in out,
               name + ": man --warnings renders it without a warning", err)
    if opts.lexgrog:
        rc, out, err = run([opts.lexgrog, page])
        stem = name[:-2]
        report(rc == 0 and ('"%s - ' % stem) in out,
               name + ": lexgrog finds its whatis line", out + err)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--mandoc")
    ap.add_argument("--man")
    ap.add_argument("--lexgrog")
    ap.add_argument("pages", nargs="+")
    opts = ap.parse_args()

    pages = {}
    for path in opts.pages:
        stem = os.path.basename(path)
        if stem.endswith(".1"):
            stem = stem[:-2]
        pages[stem] = path
        lint(path, opts)
        with open(path, encoding="utf-8") as f:
            secs = sections(f.read())
        missing = [s for s in SECTIONS if s not in secs]
        if stem == "xcvrmap":
            missing += [s for s in ("ENVIRONMENT", "FILES") if s not in secs]
        report(not missing, stem + ": has every section", "missing: %s" % missing)

    rc, usage, err = run([opts.xcvrmap, "--help"])
    commands = [c for c in usage_commands(usage) if c != "help"]
    report(rc == 0 and len(commands) > 0, "xcvrmap --help lists the commands", usage + err)

    with open(pages["xcvrmap"], encoding="utf-8") as f:
        main_secs = sections(f.read())
    listed = {re.sub(r"\\-", "-", line.split()[1].strip("\"")) for i, line in
              enumerate(main_secs.get("COMMANDS", [])[:-1])
              for line in [main_secs["COMMANDS"][i + 1]]
              if main_secs["COMMANDS"][i].startswith(".TP") and line.startswith(".B")}
    listed.discard("help")
    expected = set(commands)
    report(expected <= listed and listed - expected <= PENDING,
           "xcvrmap(1) lists exactly the commands of xcvrmap --help",
           "usage: %s\npage: %s" % (sorted(expected), sorted(listed)))
    got = tag_options(main_secs.get("OPTIONS", []))
    want = help_options(usage[usage.find("\nOptions:"):])
    report(got == want, "xcvrmap(1) OPTIONS are the main usage's",
           "page: %s\nusage: %s" % (sorted(got), sorted(want)))

    for stem in sorted(pages):
        if stem.startswith("xcvrmap-"):
            cmd = stem[len("xcvrmap-"):]
            report(cmd in commands or cmd in PENDING,
                   "%s: a page of a command xcvrmap has" % stem, sorted(commands))

    for cmd in sorted(set(commands) | PENDING):
        stem = "xcvrmap-" + cmd
        if cmd not in commands:
            results.append((True, "%s: command not in this build yet, options not compared"
                            % stem, "SKIP"))
            continue
        if stem not in pages:
            report(False, "%s: the command has a page" % stem)
            continue
        rc, own, err = run([opts.xcvrmap, "help", cmd])
        rc2, dashdash, _ = run([opts.xcvrmap, cmd, "--help"])
        report(rc == 0 and rc2 == 0 and own == dashdash,
               "%s: help %s is %s --help" % (stem, cmd, cmd), err)
        want = help_options(own)
        with open(pages[stem], encoding="utf-8") as f:
            secs = sections(f.read())
        got = tag_options(secs.get("OPTIONS", []))
        report(want - got == set(),
               "%s: every option of `xcvrmap help %s` is described" % (stem, cmd),
               "not in the page: %s" % sorted(want - got))
        report(got - want == set(),
               "%s: every option the page describes is in `xcvrmap help %s`" % (stem, cmd),
               "not in --help: %s" % sorted(got - want))
        synopsis = roff_options(secs.get("SYNOPSIS", []))
        report(synopsis - want == set(),
               "%s: every option in the SYNOPSIS is one the command has" % stem,
               "unknown: %s" % sorted(synopsis - want))

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
