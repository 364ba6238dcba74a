/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvrmap.h: umbrella header of libxcvrmap. */
#pragma once

#define __XCVRMAP_H_INSIDE__

#include "xcvr-version.h"
#include "xcvr-error.h"
#include "xcvr-module.h"
#include "xcvr-page-map.h"
#include "xcvr-render.h"
#include "xcvr-eeprom.h"
#include "xcvr-topo.h"
#include "xcvr-ovs.h"
#include "xcvr-vnic.h"
#include "xcvr-escape.h"
#include "xcvr-inventory.h"
#include "xcvr-placement.h"
#include "xcvr-nodedev.h"
#include "xcvr-metadata.h"
#include "xcvr-history.h"
#include "xcvr-state.h"
#include "xcvr-watch.h"

#undef __XCVRMAP_H_INSIDE__
