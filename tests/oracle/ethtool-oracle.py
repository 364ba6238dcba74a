#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Differential test: `xcvrmap module --format text` against `ethtool -m`.

Usage:
  ethtool-oracle.py --xcvrmap PATH --shim PATH [--ethtool /usr/sbin/ethtool]
                    [--divergences FILE] [--show N] [--jobs N] [--verbose]
                    IMAGE_OR_DIR...

For every image (a directory stands for the *.bin files directly in it, in
sorted order) the real ethtool decodes the image through the LD_PRELOAD shim
(tests/shim/ethtool-ioctl-shim.c):

    LC_ALL=C LD_PRELOAD=SHIM XCVR_SHIM_EEPROM=IMAGE ethtool -m lo

and xcvrmap decodes the same file:

    LC_ALL=C xcvrmap module --file IMAGE --format text

The two standard outputs must be identical line for line, except that xcvrmap
may append trailing lines starting with "Warning: " (checksum warnings); those
are dropped before comparing, and a "Warning: " line anywhere before the
trailing block is an error.

  * ethtool exits non-zero or prints nothing: the image is skipped ("ethtool
    gave no decode"), whatever xcvrmap does.
  * xcvrmap exits non-zero (or dies) while ethtool decoded: failure.
  * Image listed in the divergence file (lines "BASENAME<TAB>REASON", "#"
    comments; BASENAME with or without ".bin"): a mismatch is reported as a
    known divergence and is not a failure; a match is reported as a stale
    entry (not a failure either).

Known divergences and stale entries count as passed.  The last line printed
is the summary "N passed, M failed" (", K skipped" appended when K > 0).
Exit status: 0 if nothing failed, 1 if something failed, 2 on usage or setup
errors, 77 (the meson/automake "skip" code) if the ethtool binary is missing.
Only the Python standard library is used.
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import subprocess
import sys

TIMEOUT = 60  # seconds, per process
WARNING_PREFIX = "Warning: "
# xcvrmap prints fields ethtool 6.1 leaves out after this line, before the warnings.
EXTRA_HEADING = "Also decoded (not printed by ethtool 6.1):"


def segment_map(path):
    """The segment map of an image: a NAME.segments sidecar, or the segments column of an
    index.tsv in its directory or the parent (the shared corpus's layout); else None."""
    stem = path[:-4] if path.endswith(".bin") else path
    try:
        with open(stem + ".segments") as f:
            return f.read().strip()
    except OSError:
        pass
    d = os.path.dirname(path)
    for index, rel in ((os.path.join(d, "index.tsv"), os.path.basename(path)),
                       (os.path.join(os.path.dirname(d), "index.tsv"),
                        os.path.join(os.path.basename(d), os.path.basename(path)))):
        try:
            with open(index) as f:
                head = f.readline().rstrip("\n").split("\t")
                fc, sc = head.index("file"), head.index("segments")
                for line in f:
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) > max(fc, sc) and cols[fc] == rel:
                        return cols[sc]
        except (OSError, ValueError):
            pass
    return None


def is_cmis(path):
    """ethtool 6.1 decodes CMIS over netlink only; the identifier byte says which."""
    try:
        with open(path, "rb") as f:
            ident = f.read(1)
    except OSError:
        return False
    return len(ident) == 1 and ident[0] in (0x18, 0x19, 0x1b, 0x1e, 0x1f, 0x20, 0x21, 0x22)
PRELOAD_ERROR = re.compile(r"ld\.so: object .* cannot be preloaded")
# Environment variables of the shim that would change what ethtool sees.
SHIM_KNOBS = ("XCVR_SHIM_MODTYPE", "XCVR_SHIM_FAULT", "XCVR_SHIM_NETLINK",
              "XCVR_SHIM_LOG", "XCVR_SHIM_EEPROM", "XCVR_SHIM_SEGMENTS",
              "XCVR_SHIM_EEPROM_DIR", "XCVR_SHIM_FAULT_IFACE", "XCVR_SHIM_FAULT_AFTER",
              "XCVR_SHIM_SLOW_MS")


class SetupError(Exception):
    pass


def split_lines(text):
    """Split after each '\n' (only '\n'); the last element may lack one."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def decode(data):
    return data.decode("utf-8", errors="surrogateescape")


def printable(text):
    return text.encode("utf-8", errors="surrogateescape").decode(
        "utf-8", errors="backslashreplace")


def collect_images(args):
    images = []
    for arg in args:
        if os.path.isdir(arg):
            found = sorted(os.path.join(arg, n) for n in os.listdir(arg)
                           if n.endswith(".bin")
                           and os.path.isfile(os.path.join(arg, n)))
            if not found:
                raise SetupError("no *.bin images in directory %s" % arg)
            images.extend(found)
        elif os.path.isfile(arg):
            images.append(arg)
        else:
            raise SetupError("no such image or directory: %s" % arg)
    return images


def load_divergences(path):
    """Return {basename-or-stem: reason}."""
    entries = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "\t" not in line:
                raise SetupError("%s:%d: expected BASENAME<TAB>REASON"
                                 % (path, lineno))
            name, reason = line.split("\t", 1)
            name = name.strip()
            if not name:
                raise SetupError("%s:%d: empty BASENAME" % (path, lineno))
            entries[name] = reason.strip() or "(no reason given)"
    return entries


def divergence_for(entries, image):
    base = os.path.basename(image)
    stem = base[:-4] if base.endswith(".bin") else base
    for key in (base, stem):
        if key in entries:
            return entries[key]
    return None


def run(cmd, env):
    """Return (returncode, stdout text, stderr text); returncode None on timeout."""
    try:
        p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return None, decode(e.stdout or b""), decode(e.stderr or b"")
    except OSError as e:
        return -1000, "", "cannot run %s: %s" % (cmd[0], e)
    return p.returncode, decode(p.stdout), decode(p.stderr)


def describe_rc(rc):
    if rc is None:
        return "timed out after %ds" % TIMEOUT
    if rc < 0 and rc != -1000:
        return "killed by signal %d" % -rc
    return "exit status %d" % rc


class Result:
    # status: pass, fail, skip, known, stale
    def __init__(self, image, status, reason="", diff=None, detail=""):
        self.image = image
        self.status = status
        self.reason = reason
        self.diff = diff
        self.detail = detail


def check_image(image, opts, base_env, divergences):
    name = os.path.basename(image)
    path = os.path.abspath(image)

    env = dict(base_env)
    env["LD_PRELOAD"] = opts.shim
    env["XCVR_SHIM_EEPROM"] = path
    if is_cmis(path):
        env["XCVR_SHIM_NETLINK"] = "1"
        seg = segment_map(path)
        if seg:
            env["XCVR_SHIM_SEGMENTS"] = seg
    erc, eout, eerr = run([opts.ethtool, "-m", "lo"], env)
    if PRELOAD_ERROR.search(eerr):
        raise SetupError("the shim could not be preloaded: %s" % eerr.strip())
    if erc != 0 or eout == "":
        why = describe_rc(erc) if erc != 0 else "empty output"
        return Result(image, "skip", "skipped (ethtool gave no decode: %s)" % why)

    xrc, xout, xerr = run([opts.xcvrmap, "module", "--file", path,
                           "--format", "text"], dict(base_env))
    known = divergence_for(divergences, image)
    if xrc == 1 and known is not None and xerr.strip():
        # A listed image that xcvrmap refuses with a clear error (exit 1, a message):
        # the refusal is the divergence. A crash or signal is never excused.
        return Result(image, "known", "known divergence: %s" % known,
                      diff="xcvrmap: " + xerr)
    if xrc != 0:
        detail = "xcvrmap stderr:\n" + (xerr if xerr else "(empty)\n")
        return Result(image, "fail", "xcvrmap failed (%s) but ethtool decoded"
                      % describe_rc(xrc), detail=detail)

    expected = split_lines(eout)
    got = split_lines(xout)
    # Drop the trailing block of "Warning: " lines.
    end = len(got)
    while end > 0 and got[end - 1].startswith(WARNING_PREFIX):
        end -= 1
    warnings = got[end:]
    got = got[:end]
    # Drop the block of fields ethtool does not print (it follows ethtool's lines).
    if EXTRA_HEADING + "\n" in got:
        got = got[:got.index(EXTRA_HEADING + "\n")]
    # The last kept line must end in a newline if warnings followed it
    # (it always does: split_lines only leaves the very last line without).
    misplaced = [i + 1 for i, line in enumerate(got)
                 if line.startswith(WARNING_PREFIX)]

    if got == expected and not misplaced:
        if known is not None:
            return Result(image, "stale",
                          "divergence entry is stale: outputs now match "
                          "(listed reason: %s)" % known)
        return Result(image, "pass", detail="".join(warnings))

    diff = list(difflib.unified_diff(
        expected, got, fromfile="ethtool -m (%s)" % name,
        tofile="xcvrmap (%s)" % name))
    diff = [d if d.endswith("\n") else d + "\n\\ No newline at end of file\n"
            for d in diff]
    if misplaced and got == expected:
        reason = ("'Warning: ' line(s) before the end of the output "
                  "(line %s)" % ", ".join(map(str, misplaced)))
    else:
        first = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b),
                     min(len(expected), len(got)))
        reason = ("output differs from ethtool (first difference at line %d; "
                  "ethtool %d lines, xcvrmap %d lines)"
                  % (first + 1, len(expected), len(got)))
        if misplaced:
            reason += "; 'Warning: ' line(s) before the end (line %s)" % (
                ", ".join(map(str, misplaced)))
    if known is not None:
        return Result(image, "known", "known divergence: %s" % known,
                      diff="".join(diff))
    return Result(image, "fail", reason, diff="".join(diff))


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Compare xcvrmap text output with ethtool -m "
                    "(through the ioctl shim) on EEPROM images.")
    ap.add_argument("--xcvrmap", required=True, help="xcvrmap executable")
    ap.add_argument("--shim", required=True,
                    help="ethtool-ioctl-shim shared object")
    ap.add_argument("--ethtool", default="/usr/sbin/ethtool",
                    help="ethtool binary (default: %(default)s)")
    ap.add_argument("--divergences", metavar="FILE",
                    help="BASENAME<TAB>REASON list of known ethtool errors")
    ap.add_argument("--show", type=int, default=5, metavar="N",
                    help="print diffs for the first N failures (default 5)")
    ap.add_argument("--jobs", "-j", type=int, default=4, metavar="N",
                    help="parallel workers (default 4)")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="also list passing images and known-divergence diffs")
    ap.add_argument("images", nargs="+", metavar="IMAGE_OR_DIR")
    return ap.parse_args(argv)


def main(argv=None):
    opts = parse_args(argv)
    try:
        if not os.path.isfile(opts.ethtool) or not os.access(opts.ethtool, os.X_OK):
            print("ethtool-oracle: %s not found; skipping" % opts.ethtool)
            return 77
        if not os.path.isfile(opts.shim):
            raise SetupError("shim not found: %s" % opts.shim)
        if not os.path.isfile(opts.xcvrmap) or not os.access(opts.xcvrmap, os.X_OK):
            raise SetupError("xcvrmap not found or not executable: %s"
                             % opts.xcvrmap)
        opts.shim = os.path.abspath(opts.shim)
        opts.xcvrmap = os.path.abspath(opts.xcvrmap)
        divergences = load_divergences(opts.divergences) if opts.divergences else {}
        images = collect_images(opts.images)
        if not images:
            raise SetupError("no images given")

        base_env = dict(os.environ)
        for knob in SHIM_KNOBS + ("LD_PRELOAD", "LANGUAGE"):
            base_env.pop(knob, None)
        base_env["LC_ALL"] = "C"

        jobs = max(1, min(opts.jobs, 16))
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(
                lambda img: check_image(img, opts, base_env, divergences),
                images))
    except SetupError as e:
        print("ethtool-oracle: error: %s" % e, file=sys.stderr)
        return 2

    counts = dict.fromkeys(("pass", "fail", "skip", "known", "stale"), 0)
    shown = 0
    for r in results:
        counts[r.status] += 1
        name = r.image
        if r.status == "pass":
            if opts.verbose:
                print("PASS  %s" % name)
        elif r.status == "skip":
            print("SKIP  %s: %s" % (name, r.reason))
        elif r.status == "stale":
            print("NOTE  %s: %s" % (name, r.reason))
        elif r.status == "known":
            print("KNOWN %s: %s" % (name, r.reason))
            if opts.verbose and r.diff:
                sys.stdout.write(printable(r.diff))
        else:
            print("FAIL  %s: %s" % (name, r.reason))
            if shown < opts.show:
                shown += 1
                if r.detail:
                    sys.stdout.write(printable(r.detail))
                    if not r.detail.endswith("\n"):
                        sys.stdout.write("\n")
                if r.diff:
                    sys.stdout.write(printable(r.diff))
    if counts["fail"] > shown:
        print("(diffs shown for the first %d of %d failures; use --show N)"
              % (shown, counts["fail"]))
    if counts["known"] or counts["stale"]:
        print("(passed includes %d known divergence(s) and %d stale divergence "
              "entr%s)" % (counts["known"], counts["stale"],
                           "y" if counts["stale"] == 1 else "ies"))
    passed = counts["pass"] + counts["known"] + counts["stale"]
    summary = "%d passed, %d failed" % (passed, counts["fail"])
    if counts["skip"]:
        summary += ", %d skipped" % counts["skip"]
    sys.stdout.flush()
    print(summary)
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
