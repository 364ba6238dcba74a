/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-field-gates-test.c: a decoder's gated runs of fields (XcvrFieldGate) are sound — a
 * walk that passes a closed run at once leaves out exactly what a field-by-field walk would:
 * every field of the run needs one of the gate's conditions for its value and for its text
 * line, no lane-major run crosses the run's ends, and each gate names its first field.
 */
#include "xcvr-test-util.h"

#include "sff/cmis.h"
#include "sff/sff8472.h"
#include "sff/sff8636.h"
#include "sff/xcvr-module-private.h"

static const XcvrFamilyDecoder *const decoders[] = {
    &xcvr_sff8472_decoder,
    &xcvr_sff8636_decoder,
    &xcvr_cmis_decoder,
};

static gboolean
cond_in(guint32 conds, XcvrCond cond)
{
    return cond < 32 && (conds & XCVR_COND_BIT(cond)) != 0;
}

/* Whether field @j of @fields is in a lane-major run that also holds field @j + 1, as the
 * walk cuts the table into runs from its start. */
static gboolean
run_joins(const XcvrFieldDesc *fields, guint n, guint j)
{
    guint i = 0;

    while (i < n) {
        guint end = xcvr_field_starts_run(&fields[i]) ? xcvr_field_run_end(fields, n, i) : i + 1;

        if (j >= i && j + 1 < end)
            return TRUE;
        i = end;
    }
    return FALSE;
}

static void
check_gate(const XcvrFamilyDecoder *dec, const XcvrFieldGate *gate, guint min_first)
{
    guint j;

    g_test_message("%s: gate at %u (%s), %u fields", dec->spec, gate->first,
                   gate->first_key, gate->n);
    assert_true(gate->n > 0);
    assert_true(gate->first >= min_first);
    assert_true((guint)gate->first + gate->n <= dec->n_fields);
    assert_string_equal(dec->fields[gate->first].key, gate->first_key);
    assert_true(gate->conds != 0);
    for (j = gate->first; j < (guint)gate->first + gate->n; j++) {
        const XcvrFieldDesc *desc = &dec->fields[j];

        /* its value (JSON/XML) needs @cond */
        if (!cond_in(gate->conds, desc->cond))
            fail_msg("%s: %s is behind the gate but exists without it", dec->spec, desc->key);
        /* its text line follows @text_cond where it has its own */
        if ((desc->flags & XCVR_FIELD_TEXT_OWN_COND) != 0 && desc->label != NULL &&
            !cond_in(gate->conds, desc->text_cond))
            fail_msg("%s: %s is behind the gate but its text line is not", dec->spec,
                     desc->key);
    }
    /* the walk's lane-major runs stay inside or outside the gate */
    if (gate->first > 0)
        assert_false(run_joins(dec->fields, dec->n_fields, gate->first - 1u));
    assert_false(run_joins(dec->fields, dec->n_fields, gate->first + gate->n - 1u));
}

static void
test_gates_sound(void **state)
{
    guint d, g;

    for (d = 0; d < G_N_ELEMENTS(decoders); d++) {
        const XcvrFamilyDecoder *dec = decoders[d];
        guint min_first = 0;

        assert_true(dec->n_gates == 0 || dec->gates != NULL);
        for (g = 0; g < dec->n_gates; g++) {
            check_gate(dec, &dec->gates[g], min_first);
            min_first = dec->gates[g].first + dec->gates[g].n;
        }
    }
}

/* SFF-8636's flags and thresholds are gated: the gate covers every field shown with page 03h
 * only, so none is left to the field-by-field walk. */
static void
test_sff8636_page03_gated(void **state)
{
    const XcvrFamilyDecoder *dec = &xcvr_sff8636_decoder;
    guint gated = 0;
    guint j, g;

    assert_int_equal(dec->n_gates, 1);
    for (j = 0; j < dec->n_fields; j++) {
        gboolean behind = FALSE;

        for (g = 0; g < dec->n_gates; g++)
            behind |= j >= dec->gates[g].first && j < (guint)dec->gates[g].first + dec->gates[g].n;
        if (dec->fields[j].cond == XCVR_COND_PAGE03) {
            assert_true(behind);
            gated++;
        }
    }
    assert_int_equal(gated, dec->gates[0].n);
}

/* The check itself catches a gate that is off by one at either end. */
static void
test_gate_check_catches(void **state)
{
    const XcvrFamilyDecoder *dec = &xcvr_sff8636_decoder;
    const XcvrFieldGate *gate = &dec->gates[0];
    guint j;

    /* one field more at the start: a field that exists without page 03h */
    j = gate->first - 1u;
    assert_false(cond_in(gate->conds, dec->fields[j].cond) &&
                 ((dec->fields[j].flags & XCVR_FIELD_TEXT_OWN_COND) == 0 ||
                  cond_in(gate->conds, dec->fields[j].text_cond)));
    /* one field more at the end: likewise */
    j = gate->first + gate->n;
    assert_false(cond_in(gate->conds, dec->fields[j].cond));
    /* one field fewer at the start cuts the first lane-major run of flags in two */
    assert_true(run_joins(dec->fields, dec->n_fields, gate->first));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gates_sound),
        cmocka_unit_test(test_sff8636_page03_gated),
        cmocka_unit_test(test_gate_check_catches),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
