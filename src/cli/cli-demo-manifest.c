/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-demo-manifest.c: the host manifest of the bundled demo host (tests/hostgen/pack.py's
 * format, tests/hostgen/README.md) parsed and checked as a whole, with no file written:
 * paths relative with no empty, "." or ".." component, each inside a directory listed
 * before it, none twice, and symbolic links whose relative targets, read component by
 * component, stay inside the tree and pass only through listed directories.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "cli/cli-demo-manifest.h"

#define MANIFEST_MAGIC "xcvrmap-host-manifest 1"
#define MAX_PATH_LEN 1024

void
xcvr_cli_manifest_entry_free(XcvrCliManifestEntry *e)
{
    if (e == NULL)
        return;
    g_free(e->path);
    g_clear_pointer(&e->contents, g_bytes_unref);
    g_free(e->target);
    g_free(e);
}

/* Reverses pack.py's escape(): "\\", "\n", "\t", "\r" and "\NNN" (three octal digits).
 * Anything else after a backslash is an error. */
static gboolean
unescape(const char *s, GByteArray *out)
{
    while (*s != '\0') {
        guint8 c = (guint8)*s;

        if (c != '\\') {
            g_byte_array_append(out, &c, 1);
            s++;
            continue;
        }
        switch (s[1]) {
        case '\\':
            c = '\\';
            break;
        case 'n':
            c = '\n';
            break;
        case 't':
            c = '\t';
            break;
        case 'r':
            c = '\r';
            break;
        default:
            if (s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '7' || s[3] < '0' ||
                s[3] > '7')
                return FALSE;
            c = (guint8)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
            g_byte_array_append(out, &c, 1);
            s += 4;
            continue;
        }
        g_byte_array_append(out, &c, 1);
        s += 2;
    }
    return TRUE;
}

/* An unescaped path or link target: no NUL, no control character. */
static char *
unescape_name(const char *s)
{
    g_autoptr(GByteArray) out = g_byte_array_new();
    guint i;

    if (!unescape(s, out))
        return NULL;
    for (i = 0; i < out->len; i++) {
        if (out->data[i] < 0x20 || out->data[i] == 0x7f)
            return NULL;
    }
    if (out->len == 0 || out->len > MAX_PATH_LEN)
        return NULL;
    g_byte_array_append(out, (const guint8 *)"", 1);
    return (char *)g_byte_array_free(g_steal_pointer(&out), FALSE);
}

/* Relative, no empty / "." / ".." component (so no leading, trailing or double slash). */
static gboolean
path_ok(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    guint i;

    for (i = 0; parts[i] != NULL; i++) {
        if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0 || strcmp(parts[i], "..") == 0)
            return FALSE;
    }
    return i > 0;
}

static gboolean
base64_ok(const char *s)
{
    size_t n = strlen(s);
    size_t i;

    if (n % 4 != 0)
        return FALSE;
    for (i = 0; i < n; i++) {
        char c = s[i];

        if (c == '=') {
            /* padding: only the last one or two characters */
            if (i < n - 2 || (i == n - 2 && s[n - 1] != '='))
                return FALSE;
        } else if (!g_ascii_isalnum(c) && c != '+' && c != '/') {
            return FALSE;
        }
    }
    return TRUE;
}

static XcvrCliManifestEntry *
parse_line(char *line, guint lineno, GError **error)
{
    g_autoptr(XcvrCliManifestEntry) e = g_new0(XcvrCliManifestEntry, 1);
    char *path_field;
    char *rest;

    e->line = lineno;
    if (line[0] == '\0' || line[1] != ' ')
        goto bad;
    switch (line[0]) {
    case 'd':
        e->kind = XCVR_CLI_MANIFEST_DIR;
        break;
    case 't':
        e->kind = XCVR_CLI_MANIFEST_TEXT;
        break;
    case 'b':
        e->kind = XCVR_CLI_MANIFEST_BASE64;
        break;
    case 'l':
        e->kind = XCVR_CLI_MANIFEST_LINK;
        break;
    default:
        goto bad;
    }
    path_field = line + 2;
    rest = strchr(path_field, ' ');
    if (rest != NULL)
        *rest++ = '\0';
    e->path = unescape_name(path_field);
    if (e->path == NULL || !path_ok(e->path)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "manifest line %u: refusing path '%s'", lineno, path_field);
        return NULL;
    }
    if (e->kind == XCVR_CLI_MANIFEST_DIR) {
        if (rest != NULL && rest[0] != '\0')
            goto bad;
    } else if (e->kind == XCVR_CLI_MANIFEST_TEXT) {
        g_autoptr(GByteArray) out = g_byte_array_new();

        if (rest != NULL && !unescape(rest, out))
            goto bad;
        e->contents = g_byte_array_free_to_bytes(g_steal_pointer(&out));
    } else if (e->kind == XCVR_CLI_MANIFEST_BASE64) {
        gsize n = 0;
        guchar *raw;

        if (rest == NULL)
            rest = (char *)"";
        if (!base64_ok(rest))
            goto bad;
        raw = g_base64_decode(rest, &n);
        e->contents = g_bytes_new_take(raw, n);
    } else {
        if (rest == NULL)
            goto bad;
        e->target = unescape_name(rest);
        if (e->target == NULL || e->target[0] == '/') {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: refusing link target '%s'", lineno, rest);
            return NULL;
        }
    }
    return g_steal_pointer(&e);

bad:
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "manifest line %u: malformed entry",
                lineno);
    return NULL;
}

static char *
parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash != NULL ? g_strndup(path, (gsize)(slash - path)) : g_strdup("");
}

/* TRUE when @target, read from the directory holding @path, stays inside the tree and
 * passes only through directories the manifest lists (@dirs; "" is the root). */
static gboolean
link_target_ok(const char *path, const char *target, GHashTable *dirs)
{
    g_autofree char *parent = parent_of(path);
    g_auto(GStrv) parts = g_strsplit(target, "/", -1);
    g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) base = NULL;
    guint i;

    if (parent[0] != '\0') {
        base = g_strsplit(parent, "/", -1);
        for (i = 0; base[i] != NULL; i++)
            g_ptr_array_add(stack, g_strdup(base[i]));
    }
    for (i = 0; parts[i] != NULL; i++) {
        const char *p = parts[i];

        if (p[0] == '\0' || strcmp(p, ".") == 0)
            return FALSE;
        if (strcmp(p, "..") == 0) {
            if (stack->len == 0)
                return FALSE;
            g_ptr_array_remove_index(stack, stack->len - 1);
            continue;
        }
        g_ptr_array_add(stack, g_strdup(p));
        if (parts[i + 1] != NULL) {
            g_autofree char *joined = NULL;

            g_ptr_array_add(stack, NULL);
            joined = g_strjoinv("/", (char **)stack->pdata);
            g_ptr_array_remove_index(stack, stack->len - 1);
            if (!g_hash_table_contains(dirs, joined))
                return FALSE;
        }
    }
    return TRUE;
}

GPtrArray *
xcvr_cli_manifest_parse(const char *data, gsize len, GError **error)
{
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_cli_manifest_entry_free);
    g_autoptr(GHashTable) dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    guint i;

    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (len > 0 && memchr(data, '\0', len) != NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "manifest holds a NUL byte");
        return NULL;
    }
    text = g_strndup(data != NULL ? data : "", len);
    lines = g_strsplit(text, "\n", -1);
    if (lines[0] == NULL || strcmp(lines[0], MANIFEST_MAGIC) != 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "not a host manifest (the first line is not '%s')", MANIFEST_MAGIC);
        return NULL;
    }
    g_hash_table_add(dirs, g_strdup(""));

    for (i = 1; lines[i] != NULL; i++) {
        g_autofree char *parent = NULL;
        XcvrCliManifestEntry *e;

        if (lines[i][0] == '\0' || lines[i][0] == '#')
            continue;
        e = parse_line(lines[i], i + 1, error);
        if (e == NULL)
            return NULL;
        g_ptr_array_add(entries, e);
        if (g_hash_table_contains(seen, e->path)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: %s listed twice", e->line, e->path);
            return NULL;
        }
        g_hash_table_add(seen, g_strdup(e->path));
        /* a parent must be a directory listed before */
        parent = parent_of(e->path);
        if (!g_hash_table_contains(dirs, parent)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: %s is not inside a listed directory", e->line,
                        e->path);
            return NULL;
        }
        if (e->kind == XCVR_CLI_MANIFEST_DIR)
            g_hash_table_add(dirs, g_strdup(e->path));
    }
    for (i = 0; i < entries->len; i++) {
        const XcvrCliManifestEntry *e = g_ptr_array_index(entries, i);

        if (e->kind == XCVR_CLI_MANIFEST_LINK && !link_target_ok(e->path, e->target, dirs)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: link %s -> %s leaves the tree or passes through "
                        "something that is not a listed directory",
                        e->line, e->path, e->target);
            return NULL;
        }
    }
    return g_steal_pointer(&entries);
}
