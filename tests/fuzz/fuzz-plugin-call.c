/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-plugin-call.c: fuzz target for the XAPI plugin's invocation codec: one blob as the
 * methodCall xapi passes in argv[1], then the methodResponses the plugin would print for
 * what came of it, and the blob itself as a Value and as an error parameter.
 *
 * Parse failures are expected; the target aborts only on a broken contract: a failure
 * without a message, a success with one, a call without a function name, session or args,
 * or a response that is not valid UTF-8 or carries a byte XML 1.0 cannot.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xcvr-plugin-rpc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_response(char *resp)
{
    const char *p;

    if (resp == NULL || !g_utf8_validate(resp, -1, NULL))
        abort();
    for (p = resp; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
            abort();
    }
    g_free(resp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = g_strndup((const char *)data, size); /* argv stops at a NUL */
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrPluginCall) call = xcvr_plugin_call_parse(text, strlen(text), &error);

    if (call == NULL) {
        if (error == NULL || error->message == NULL)
            abort();
    } else {
        GHashTableIter iter;
        gpointer key, value;

        if (error != NULL || call->fn == NULL || call->session == NULL || call->args == NULL)
            abort();
        g_hash_table_iter_init(&iter, call->args);
        while (g_hash_table_iter_next(&iter, &key, &value)) {
            const char *params[] = { key, value, NULL };

            check_response(xcvr_plugin_response_failure(call->fn, params));
        }
        check_response(xcvr_plugin_response_success(call->session, strlen(call->session)));
    }
    check_response(xcvr_plugin_response_success((const char *)data, size));
    {
        const char *params[] = { text, NULL };

        check_response(xcvr_plugin_response_failure(text, params));
    }
    return 0;
}
