/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-read.c: reading a module from the kernel: the decoders' page plan driven
 * over ethtool netlink or, where that is missing, the SIOCETHTOOL ioctl; errors turned
 * into codes a caller can act on; a per-interface deadline, past which the read is
 * abandoned on its worker thread (a driver stuck in the kernel cannot be cancelled) and,
 * with a reader context, not asked again until it returns.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <xcvrmap/xcvr-eeprom.h>
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-page-map.h>

#include "eeprom/xcvr-eeprom-cache-private.h"
#include "eeprom/xcvr-eeprom-private.h"
#include "sff/xcvr-page-map.h"

#include "core/xcvr-enum.h"

#define DEFAULT_TIMEOUT_MS 5000
#define MAX_ROUNDS 8 /* lower page, family pages, banked pages: three rounds suffice */

XCVR_ENUM_IMPL(eeprom_source, XcvrEepromSource, _XCVR_EEPROM_SOURCE_LAST, "none",
    [XCVR_EEPROM_SOURCE_NONE] = "none",
    [XCVR_EEPROM_SOURCE_NETLINK] = "netlink",
    [XCVR_EEPROM_SOURCE_IOCTL] = "ioctl",
    [XCVR_EEPROM_SOURCE_FILE] = "file",
)

struct _XcvrEepromOptions {
    XcvrDecodeFlags flags;
    guint timeout_ms;
    gboolean no_netlink;
};

struct _XcvrEepromStats {
    XcvrEepromSource source;
    guint requests;
    guint bytes;
};

XcvrEepromOptions *
xcvr_eeprom_options_new(void)
{
    XcvrEepromOptions *o = g_new0(XcvrEepromOptions, 1);

    o->flags = XCVR_DECODE_NONE;
    o->timeout_ms = DEFAULT_TIMEOUT_MS;
    return o;
}

void
xcvr_eeprom_options_free(XcvrEepromOptions *options)
{
    g_free(options);
}

void
xcvr_eeprom_options_set_flags(XcvrEepromOptions *options, XcvrDecodeFlags flags)
{
    g_return_if_fail(options != NULL);
    options->flags = flags;
}

void
xcvr_eeprom_options_set_timeout_ms(XcvrEepromOptions *options, guint timeout_ms)
{
    g_return_if_fail(options != NULL);
    options->timeout_ms = timeout_ms;
}

guint
xcvr_eeprom_options_get_timeout_ms(const XcvrEepromOptions *options)
{
    g_return_val_if_fail(options != NULL, 0);
    return options->timeout_ms;
}

void
xcvr_eeprom_options_set_no_netlink(XcvrEepromOptions *options, gboolean no_netlink)
{
    g_return_if_fail(options != NULL);
    options->no_netlink = no_netlink;
}

XcvrEepromStats *
xcvr_eeprom_stats_new(void)
{
    return g_new0(XcvrEepromStats, 1);
}

void
xcvr_eeprom_stats_free(XcvrEepromStats *stats)
{
    g_free(stats);
}

XcvrEepromSource
xcvr_eeprom_stats_get_source(const XcvrEepromStats *stats)
{
    g_return_val_if_fail(stats != NULL, XCVR_EEPROM_SOURCE_NONE);
    return stats->source;
}

guint
xcvr_eeprom_stats_get_requests(const XcvrEepromStats *stats)
{
    g_return_val_if_fail(stats != NULL, 0);
    return stats->requests;
}

guint
xcvr_eeprom_stats_get_bytes(const XcvrEepromStats *stats)
{
    g_return_val_if_fail(stats != NULL, 0);
    return stats->bytes;
}

/* One interface's read: the kernel path in use and what it cost. */
typedef struct {
    const char *ifname;
    gboolean no_netlink;
    gint64 deadline;
    XcvrNetlink *nl;         /* the netlink path, or NULL */
    int fd;                  /* the ioctl socket, or -1 */
    XcvrIoctlModInfo info;
    XcvrEepromStats stats;
} Reader;

static void
reader_clear(Reader *r)
{
    xcvr_netlink_close(g_steal_pointer(&r->nl));
    if (r->fd >= 0)
        close(r->fd);
    r->fd = -1;
}

/* Switches to the ioctl: opens its socket and asks the driver for its module info. */
static int
reader_use_ioctl(Reader *r)
{
    xcvr_netlink_close(g_steal_pointer(&r->nl));
    r->stats.source = XCVR_EEPROM_SOURCE_IOCTL;
    if (r->fd < 0)
        r->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (r->fd < 0)
        return -errno;
    return xcvr_ioctl_modinfo(r->fd, r->ifname, &r->info);
}

static int
reader_start(Reader *r)
{
    int ret;

    if (!r->no_netlink) {
        ret = xcvr_netlink_open(&r->nl);
        if (ret == 0) {
            r->stats.source = XCVR_EEPROM_SOURCE_NETLINK;
            return 0;
        }
        /* only a missing family or command means "use the ioctl" */
        if (ret != -EOPNOTSUPP && ret != -EPROTONOSUPPORT && ret != -EAFNOSUPPORT)
            return ret;
    }
    return reader_use_ioctl(r);
}

static int
reader_read(Reader *r, const XcvrPageRequest *req, guint8 *buf, guint *ret_len)
{
    int ret;

    if (r->nl != NULL) {
        r->stats.requests++;
        return xcvr_netlink_read(r->nl, r->ifname, req, buf, ret_len, r->deadline);
    }
    ret = xcvr_ioctl_read(r->fd, r->ifname, &r->info, req, buf, ret_len);
    if (ret != -ERANGE)
        r->stats.requests++; /* only reads the driver saw */
    return ret;
}

static void
set_errno_error(GError **error, const char *ifname, int err, XcvrEepromSource source)
{
    XcvrError code = xcvr_error_from_errno(err);

    switch (code) {
    case XCVR_ERROR_NOT_SUPPORTED:
        g_set_error(error, XCVR_ERROR, code,
                    "no module support on %s: its driver cannot read module EEPROMs", ifname);
        break;
    case XCVR_ERROR_NO_DEVICE:
        g_set_error(error, XCVR_ERROR, code, "no interface %s, or it vanished while being read",
                    ifname);
        break;
    case XCVR_ERROR_PERMISSION:
        g_set_error(error, XCVR_ERROR, code,
                    "permission denied reading the module of %s (reading module EEPROMs may "
                    "need CAP_NET_ADMIN)", ifname);
        break;
    case XCVR_ERROR_TIMEOUT:
        g_set_error(error, XCVR_ERROR, code,
                    "the module of %s did not answer in time (a hung driver or I2C bus)", ifname);
        break;
    default:
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO,
                    "cannot read the module EEPROM of %s over %s: %s; the module may be badly "
                    "seated or incompatible",
                    ifname, xcvr_eeprom_source_to_string(source), g_strerror(err));
        break;
    }
}

/* Reads @span; -ETIMEDOUT past the deadline, -EIO on a short read. */
static int
reader_read_span(Reader *r, const XcvrPageRequest *req, guint8 *buf)
{
    guint got = 0;
    int ret;

    if (r->deadline != 0 && g_get_monotonic_time() >= r->deadline)
        return -ETIMEDOUT;
    ret = reader_read(r, req, buf, &got);
    if (ret < 0)
        return ret;
    r->stats.bytes += got;
    return got < req->length ? -EIO : 0;
}

static gboolean
span_follows(const XcvrEepromSpan *a, const XcvrEepromSpan *b)
{
    return a->req.i2c == b->req.i2c && a->req.bank == b->req.bank &&
           a->req.page == b->req.page && a->req.offset + a->req.length == b->req.offset &&
           a->req.offset / XCVR_HALF_PAGE == b->req.offset / XCVR_HALF_PAGE;
}

/* A poll of a cached module: its spans patched into a copy of the cached map, decoded as
 * a full read's map is. Flag spans are read only while the status read before them says
 * an interrupt is pending, and spans read back to back are one request. NULL without
 * @error when there is nothing cached or a sentinel changed: read in full (which replaces
 * the cached map). */
static XcvrModule *
reader_poll(Reader *r, XcvrEepromCache *cache, XcvrDecodeFlags flags, GError **error)
{
    g_autoptr(GArray) spans = g_array_new(FALSE, FALSE, sizeof(XcvrEepromSpan));
    g_autoptr(XcvrPageMap) map = NULL;
    XcvrFamily family = XCVR_FAMILY_UNKNOWN;
    gboolean pending = TRUE;
    guint8 buf[128];
    guint i;

    map = xcvr_eeprom_cache_begin(cache, r->ifname, r->stats.source, flags, &family, spans);
    if (map == NULL)
        return NULL;
    for (i = 0; i < spans->len; i++) {
        XcvrEepromSpan span = g_array_index(spans, XcvrEepromSpan, i);
        int ret;

        if (span.kind == XCVR_SPAN_FLAGS && !pending) {
            xcvr_eeprom_cache_clear(map, &span);
            continue;
        }
        while (span.kind != XCVR_SPAN_SENTINEL && i + 1 < spans->len) {
            const XcvrEepromSpan *next = &g_array_index(spans, XcvrEepromSpan, i + 1);

            if (next->kind == XCVR_SPAN_SENTINEL || (next->kind == XCVR_SPAN_FLAGS && !pending) ||
                !span_follows(&span, next))
                break;
            span.req.length += next->req.length;
            i++;
        }
        ret = reader_read_span(r, &span.req, buf);
        if (ret < 0) {
            set_errno_error(error, r->ifname, -ret, r->stats.source);
            return NULL;
        }
        if (!xcvr_eeprom_cache_patch(map, &span, buf))
            return NULL;
        if (span.kind == XCVR_SPAN_SENTINEL)
            pending = xcvr_eeprom_cache_interrupt_pending(map, family);
    }
    return xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, flags, error);
}

/* Reads what the plan asks for, round after round. Pages the module or driver does not
 * serve are left out (the decoder then says what is missing); anything else stops. With
 * @cache, a module read before is polled, and a full read is remembered. */
static XcvrModule *
reader_run_once(Reader *r, XcvrEepromCache *cache, XcvrDecodeFlags flags, GError **error)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    g_autoptr(GHashTable) tried = g_hash_table_new(g_direct_hash, g_direct_equal);
    guint8 buf[128];
    guint round;
    int ret;

    ret = reader_start(r);
    if (ret < 0) {
        set_errno_error(error, r->ifname, -ret, r->stats.source);
        return NULL;
    }
    if (cache != NULL) {
        GError *local = NULL;
        XcvrModule *module = reader_poll(r, cache, flags, &local);

        if (local != NULL) {
            g_propagate_error(error, local);
            return NULL;
        }
        if (module != NULL)
            return module;
    }
    for (round = 0; round < MAX_ROUNDS; round++) {
        g_autoptr(GArray) reqs = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
        guint added = 0;
        guint i;

        xcvr_module_plan_full(map, XCVR_FAMILY_UNKNOWN, flags, reqs);
        for (i = 0; i < reqs->len; i++) {
            const XcvrPageRequest *req = &g_array_index(reqs, XcvrPageRequest, i);
            gpointer key = GUINT_TO_POINTER((guint)req->i2c << 24 | (guint)req->bank << 16 |
                                            (guint)req->page << 8 | req->offset);
            guint got = 0;

            if (g_hash_table_contains(tried, key))
                continue;
            g_hash_table_add(tried, key);
            /* past the deadline the caller has gone: stop at once rather than keep a
             * stuck driver busy with the rest of the plan */
            if (r->deadline != 0 && g_get_monotonic_time() >= r->deadline) {
                set_errno_error(error, r->ifname, ETIMEDOUT, r->stats.source);
                return NULL;
            }
            ret = reader_read(r, req, buf, &got);
            /* A kernel whose netlink lacks the driver path answers EOPNOTSUPP on the
             * first read; the ioctl may still work. */
            if (ret == -EOPNOTSUPP && r->nl != NULL && g_hash_table_size(tried) == 1) {
                ret = reader_use_ioctl(r);
                if (ret == 0)
                    ret = reader_read(r, req, buf, &got);
            }
            if ((ret == -EINVAL || ret == -ERANGE) && g_hash_table_size(tried) > 1)
                continue; /* a page this module or driver does not serve */
            if (ret < 0) {
                set_errno_error(error, r->ifname, -ret, r->stats.source);
                return NULL;
            }
            r->stats.bytes += got;
            if (got < req->length) {
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                            "short read from the module of %s: %u of %u bytes of page %02xh "
                            "(I2C 0x%02x, bank %u, offset %u)",
                            r->ifname, got, req->length, req->page, req->i2c, req->bank,
                            req->offset);
                return NULL;
            }
            xcvr_page_map_add(map, req->i2c, req->bank, req->page, req->offset, buf, got);
            added++;
        }
        if (added == 0)
            break;
    }
    if (cache != NULL) {
        XcvrModule *module = xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, flags, error);

        if (module != NULL)
            xcvr_eeprom_cache_store(cache, r->ifname, r->stats.source,
                                    xcvr_module_get_family(module), flags, map);
        return module;
    }
    return xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, flags, error);
}

/* Any failure (no module, no driver, a timeout) forgets the module: what answers next is
 * read in full. */
static XcvrModule *
reader_run(Reader *r, XcvrEepromCache *cache, XcvrDecodeFlags flags, GError **error)
{
    XcvrModule *module = reader_run_once(r, cache, flags, error);

    if (module == NULL && cache != NULL)
        xcvr_eeprom_cache_invalidate(cache, r->ifname);
    return module;
}

/* The interfaces with an abandoned read still in the kernel (name → count), shared by a
 * reader and its abandoned jobs, so whichever lets go last frees it. */
typedef struct {
    gint refs;
    GMutex lock;
    GHashTable *stuck;
} Outstanding;

static Outstanding *
outstanding_ref(Outstanding *out)
{
    g_atomic_int_inc(&out->refs);
    return out;
}

static void
outstanding_unref(Outstanding *out)
{
    if (!g_atomic_int_dec_and_test(&out->refs))
        return;
    g_hash_table_unref(out->stuck);
    g_mutex_clear(&out->lock);
    g_free(out);
}

static gboolean
outstanding_has(Outstanding *out, const char *ifname)
{
    gboolean has;

    g_mutex_lock(&out->lock);
    has = g_hash_table_contains(out->stuck, ifname);
    g_mutex_unlock(&out->lock);
    return has;
}

static void
outstanding_add(Outstanding *out, const char *ifname)
{
    guint n;

    g_mutex_lock(&out->lock);
    n = GPOINTER_TO_UINT(g_hash_table_lookup(out->stuck, ifname));
    g_hash_table_insert(out->stuck, g_strdup(ifname), GUINT_TO_POINTER(n + 1));
    g_mutex_unlock(&out->lock);
}

static void
outstanding_remove(Outstanding *out, const char *ifname)
{
    guint n;

    g_mutex_lock(&out->lock);
    n = GPOINTER_TO_UINT(g_hash_table_lookup(out->stuck, ifname));
    if (n > 1)
        g_hash_table_insert(out->stuck, g_strdup(ifname), GUINT_TO_POINTER(n - 1));
    else
        g_hash_table_remove(out->stuck, ifname);
    g_mutex_unlock(&out->lock);
}

struct _XcvrEepromReader {
    Outstanding *outstanding;
    XcvrEepromCache *cache; /* NULL: every read is a full one */
};

XcvrEepromReader *
xcvr_eeprom_reader_new(void)
{
    XcvrEepromReader *reader = g_new0(XcvrEepromReader, 1);
    Outstanding *out = g_new0(Outstanding, 1);

    out->refs = 1;
    g_mutex_init(&out->lock);
    out->stuck = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    reader->outstanding = out;
    return reader;
}

void
xcvr_eeprom_reader_free(XcvrEepromReader *reader)
{
    if (reader == NULL)
        return;
    outstanding_unref(reader->outstanding);
    xcvr_eeprom_cache_unref(reader->cache);
    g_free(reader);
}

guint
xcvr_eeprom_reader_get_n_outstanding(XcvrEepromReader *reader)
{
    GHashTableIter iter;
    gpointer value;
    guint n = 0;

    g_return_val_if_fail(reader != NULL, 0);
    g_mutex_lock(&reader->outstanding->lock);
    g_hash_table_iter_init(&iter, reader->outstanding->stuck);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        n += GPOINTER_TO_UINT(value);
    g_mutex_unlock(&reader->outstanding->lock);
    return n;
}

/* A read on its own thread, so a driver stuck in an ioctl costs the deadline, not the run.
 * Both sides hold a reference; whoever lets go last frees it. */
typedef struct {
    gint refs;
    GMutex lock;
    GCond done_cond;
    gboolean done;
    char *ifname;
    XcvrEepromOptions options;
    gint64 deadline;
    XcvrModule *module;
    GError *error;
    XcvrEepromStats stats;
    Outstanding *outstanding; /* set when the caller abandoned it: whom to tell */
    XcvrEepromCache *cache;   /* the reader's, or NULL */
} Job;

static void
job_unref(Job *job)
{
    if (!g_atomic_int_dec_and_test(&job->refs))
        return;
    g_mutex_clear(&job->lock);
    g_cond_clear(&job->done_cond);
    g_free(job->ifname);
    xcvr_eeprom_cache_unref(job->cache);
    xcvr_module_free(job->module);
    g_clear_error(&job->error);
    g_free(job);
}

static gpointer
job_thread(gpointer data)
{
    Job *job = data;
    Reader r = { .ifname = job->ifname, .no_netlink = job->options.no_netlink,
                 .deadline = job->deadline, .fd = -1 };
    GError *error = NULL;
    XcvrModule *module = reader_run(&r, job->cache, job->options.flags, &error);

    Outstanding *out;

    reader_clear(&r);
    g_mutex_lock(&job->lock);
    job->module = module;
    job->error = error;
    job->stats = r.stats;
    job->done = TRUE;
    out = g_steal_pointer(&job->outstanding);
    g_cond_signal(&job->done_cond);
    g_mutex_unlock(&job->lock);
    if (out != NULL) {
        outstanding_remove(out, job->ifname);
        outstanding_unref(out);
    }
    job_unref(job);
    return NULL;
}

static XcvrModule *
read_on_thread(Outstanding *outstanding, XcvrEepromCache *cache, const char *ifname,
               const XcvrEepromOptions *options, XcvrEepromStats *ret_stats, GError **error)
{
    const XcvrEepromOptions defaults = { XCVR_DECODE_NONE, DEFAULT_TIMEOUT_MS, FALSE };
    Job *job;
    GThread *thread;
    XcvrModule *module = NULL;
    gboolean done;

    if (options == NULL)
        options = &defaults;
    job = g_new0(Job, 1);
    job->refs = 2;
    g_mutex_init(&job->lock);
    g_cond_init(&job->done_cond);
    job->ifname = g_strdup(ifname);
    job->cache = cache != NULL ? xcvr_eeprom_cache_ref(cache) : NULL;
    job->options = *options;
    job->deadline = options->timeout_ms > 0
                        ? g_get_monotonic_time() + (gint64)options->timeout_ms * 1000
                        : 0;

    thread = g_thread_new("xcvr-eeprom", job_thread, job);
    g_thread_unref(thread);

    g_mutex_lock(&job->lock);
    while (!job->done) {
        if (job->deadline == 0)
            g_cond_wait(&job->done_cond, &job->lock);
        else if (!g_cond_wait_until(&job->done_cond, &job->lock, job->deadline))
            break;
    }
    done = job->done;
    if (!done && outstanding != NULL) {
        /* under the job's lock: the thread cannot finish between the mark and this */
        job->outstanding = outstanding_ref(outstanding);
        outstanding_add(outstanding, ifname);
    }
    if (done) {
        module = g_steal_pointer(&job->module);
        if (job->error != NULL)
            g_propagate_error(error, g_steal_pointer(&job->error));
    }
    if (ret_stats != NULL)
        *ret_stats = job->stats;
    g_mutex_unlock(&job->lock);
    job_unref(job);

    if (!done)
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                    "the module of %s did not answer within %u ms (a hung driver or I2C bus); "
                    "the other interfaces are read on", ifname, options->timeout_ms);
    return module;
}

XcvrModule *
xcvr_eeprom_read(const char *ifname,
                 const XcvrEepromOptions *options,
                 XcvrEepromStats *ret_stats,
                 GError **error)
{
    g_return_val_if_fail(ifname != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    return read_on_thread(NULL, NULL, ifname, options, ret_stats, error);
}

XcvrModule *
xcvr_eeprom_reader_read(XcvrEepromReader *reader,
                        const char *ifname,
                        const XcvrEepromOptions *options,
                        XcvrEepromStats *ret_stats,
                        GError **error)
{
    g_return_val_if_fail(reader != NULL, NULL);
    g_return_val_if_fail(ifname != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (outstanding_has(reader->outstanding, ifname)) {
        if (ret_stats != NULL)
            memset(ret_stats, 0, sizeof(*ret_stats));
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                    "the module of %s did not answer: an earlier read is still stuck in its "
                    "driver, and it is not asked again until that returns", ifname);
        return NULL;
    }
    return read_on_thread(reader->outstanding, reader->cache, ifname, options, ret_stats, error);
}

void
xcvr_eeprom_reader_set_caching(XcvrEepromReader *reader, gboolean caching)
{
    g_return_if_fail(reader != NULL);
    if (caching && reader->cache == NULL)
        reader->cache = xcvr_eeprom_cache_new();
    else if (!caching)
        g_clear_pointer(&reader->cache, xcvr_eeprom_cache_unref);
}

void
xcvr_eeprom_reader_invalidate(XcvrEepromReader *reader, const char *ifname)
{
    g_return_if_fail(reader != NULL);
    if (reader->cache != NULL)
        xcvr_eeprom_cache_invalidate(reader->cache, ifname);
}
